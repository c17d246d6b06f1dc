"""A person with several PCs appears once in the team view (docs/architecture.md §17.1): the
person id and the private labels travel with sync, whatever order the files arrive in."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from sync_support import World

from tracker.domain.model import Kind
from tracker.io import teamfiles
from tracker.service.team_identity import CREATED_KEY

NAMES = ("office", "laptop", "home")


@pytest.mark.parametrize("seed", range(6))
def test_every_pc_of_a_person_ends_with_one_id_and_one_file(tmp_path: Path, seed: int) -> None:
    rnd = random.Random(seed)
    team = tmp_path / "team"
    team.mkdir()
    world = World(tmp_path, NAMES)
    try:
        for name in rnd.sample(NAMES, len(NAMES)):
            svc = world[name].service
            svc.set_setting("team_folder", str(team))
            svc.set_setting("team_name", "田中")
            start = world.clock.now() - 3600 * (1 + NAMES.index(name))  # no overlaps (§16.5)
            svc.add_block(Kind.GROWTH, start, start + 600, f"IFRS勉強 {name}")
            svc.team_share()  # each PC made an id of its own: three files
            world.clock.advance(rnd.choice((0, 0, 5)))  # ties broken by the device id
        assert len(teamfiles.read_folder(team).files) == 3
        claims = {
            (
                int(world[n].service._stored_setting(CREATED_KEY) or 0),
                world[n].service.device_id(),
                world[n].service.team_person_id(),
            )
            for n in NAMES
        }
        winner = min(claims)[2]
        for _ in range(rnd.randrange(4)):  # some of it arrives early, in any order
            a, b = rnd.sample(NAMES, 2)
            world[a].sync()
            world.deliver(a, b, how=rnd.choice(("all", "some", "partial", "conflict")), rnd=rnd)
            world[b].sync()
        world.settle()
        world.settle()  # a PC that changed its id says so in its next device.json
        assert {world[n].service.team_person_id() for n in NAMES} == {winner}
        for n in NAMES:
            world[n].service.team_share()
        found = teamfiles.read_folder(team)
        assert [f.person for f in found.files] == [winner]
        assert [p.name for p in team.joinpath(teamfiles.ROOT).iterdir()] == [f"{winner}.json"]
        # the merged history: every PC shares all three PCs' growth
        [file] = found.files
        assert sorted(label for d in file.days for label in d.growth) == sorted(
            f"IFRS勉強 {n}" for n in NAMES
        )
    finally:
        world.close()


def test_a_label_made_private_on_one_pc_leaves_the_others_file(tmp_path: Path) -> None:
    team = tmp_path / "team"
    team.mkdir()
    world = World(tmp_path)
    try:
        for name in ("office", "laptop"):
            svc = world[name].service
            svc.set_setting("team_folder", str(team))
            svc.set_setting("team_name", "田中")
        now = world.clock.now()
        world["laptop"].service.add_block(Kind.GROWTH, now - 3600, now - 600, "面談準備")
        world.settle()
        world["laptop"].service.team_share()
        path = teamfiles.person_path(team, world["laptop"].service.team_person_id())
        assert "面談準備" in path.read_text(encoding="utf-8")

        world.clock.advance(60)
        world["office"].service.team_set_private("面談準備", True)
        world.settle()  # the laptop learns of it and rewrites its file at once
        text = path.read_text(encoding="utf-8")
        assert "面談準備" not in text
        assert json.loads(text)["days"][0]["growth_s"] == 3000  # the time still counts
        assert world["laptop"].service.team_private_labels() == ["面談準備"]

        world.clock.advance(60)
        world["laptop"].service.team_set_private("面談準備", False)  # a later mark wins
        world.settle()
        assert world["office"].service.team_private_labels() == []
    finally:
        world.close()
