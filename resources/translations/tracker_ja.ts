<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja" sourcelanguage="en">
<context>
    <name>AddDialog</name>
    <message>
        <source>Add block</source>
        <translation>ブロックを追加</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;End</source>
        <translation>終了(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>種類(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Label</source>
        <translation>内容(&amp;L)</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>The unfinished block was ended elsewhere.</source>
        <translation>終了していないブロックは、コマンドラインなどで既に終了されています。</translation>
    </message>
    <message>
        <source>The {0} block keeps running.</source>
        <translation>{0}のブロックは記録を続けます。</translation>
    </message>
    <message>
        <source>The {0} block was ended at {1}.</source>
        <translation>{0}のブロックを{1}に終了しました。</translation>
    </message>
    <message>
        <source>The {0} block was under a second long and was dropped.</source>
        <translation>{0}のブロックは1秒未満だったため削除しました。</translation>
    </message>
    <message>
        <source>{0} has been running for {1}. Time for a break, or a switch?</source>
        <translation>{0}が{1}続いています。休憩や切り替えはいかがですか？</translation>
    </message>
    <message>
        <source>Nothing has been tracked since {0}. Click here to start a block.</source>
        <translation>{0}以降、記録がありません。クリックすると記録を開始できます。</translation>
    </message>
    <message>
        <source>Day&apos;s end: growth ratio {0} (target {1}).</source>
        <translation>本日の成長比率は{0}でした（目標 {1}）。</translation>
    </message>
    <message>
        <source>Something went wrong; the details are in {0}</source>
        <translation>問題が発生しました。詳細は{0}にあります。</translation>
    </message>
    <message>
        <source>The window could not be opened; details are in {0}</source>
        <translation>画面を開けませんでした。詳細は{0}にあります。</translation>
    </message>
    <message>
        <source>Growth Tracker is already running; its icon is in the tray.</source>
        <translation>Growth Tracker はすでに起動しています。アイコンはシステムトレイにあります。</translation>
    </message>
    <message>
        <source>the log</source>
        <translation>ログ</translation>
    </message>
</context>
<context>
    <name>AwayMonitor</name>
    <message>
        <source>Welcome back</source>
        <translation>おかえりなさい</translation>
    </message>
    <message>
        <source>Away time not changed</source>
        <translation>離席時間は変更されませんでした</translation>
    </message>
    <message>
        <source>You were away {0}–{1} ({2} min)</source>
        <translation>{0}～{1}に離席していました（{2}分）</translation>
    </message>
    <message>
        <source>Away from the desk</source>
        <translation>離席</translation>
    </message>
    <message>
        <source>Discard: the block ends when you left and starts again when you came back.
Keep: the away time becomes its own task or growth block.
Stop tracking: the block ends when you left.</source>
        <translation>破棄: 離席した時点でブロックを終え、戻った時点から再開します。
残す: 離席時間を作業または成長のブロックとして記録します。
記録を停止: 離席した時点でブロックを終えます。</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>離席時間を除く</translation>
    </message>
    <message>
        <source>Stop tracking</source>
        <translation>記録を停止</translation>
    </message>
    <message>
        <source>Keep as task</source>
        <translation>作業として残す</translation>
    </message>
    <message>
        <source>Keep as growth</source>
        <translation>成長として残す</translation>
    </message>
</context>
<context>
    <name>BlocksModel</name>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>End</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>所要時間</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>running</source>
        <translation>記録中</translation>
    </message>
    <message>
        <source>gap {0}</source>
        <translation>空き {0}</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0}（全体 {1}）</translation>
    </message>
    <message>
        <source>Nothing tracked here. Select it and press Insert to fill it.</source>
        <translation>この時間は記録がありません。選択してInsertキーを押すと埋められます。</translation>
    </message>
    <message>
        <source>This block is running; end it with Stop in the tray menu.</source>
        <translation>記録中のブロックです。トレイメニューの「停止」で終了します。</translation>
    </message>
    <message>
        <source>Only the part inside this tracking day counts to it.</source>
        <translation>この記録日に含まれる部分だけが集計されます。</translation>
    </message>
</context>
<context>
    <name>ChartsPanel</name>
    <message>
        <source>Timeline</source>
        <translation>タイムライン</translation>
    </message>
    <message>
        <source>Growth ratio per day</source>
        <translation>日ごとの成長比率</translation>
    </message>
    <message>
        <source>Task and growth hours per day</source>
        <translation>日ごとの作業・成長時間</translation>
    </message>
    <message>
        <source>now</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>Nothing tracked on this day</source>
        <translation>この日の記録はありません</translation>
    </message>
    <message>
        <source>Target met ✓</source>
        <translation>目標達成 ✓</translation>
    </message>
    <message>
        <source>Below target</source>
        <translation>目標未達</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Disposable hours</source>
        <translation>可処分時間</translation>
    </message>
    <message>
        <source>Day off</source>
        <translation>休日</translation>
    </message>
    <message>
        <source>{0}h</source>
        <comment>hours on a chart axis</comment>
        <translation>{0}時間</translation>
    </message>
</context>
<context>
    <name>DateNavigator</name>
    <message>
        <source>Previous (Alt+Left)</source>
        <translation>前へ（Alt+←）</translation>
    </message>
    <message>
        <source>Next (Alt+Right)</source>
        <translation>次へ（Alt+→）</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>前へ</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Go to today (Ctrl+T or Home)</source>
        <translation>今日へ移動（Ctrl+T または Home）</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>日(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>週(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Month</source>
        <translation>月(&amp;M)</translation>
    </message>
</context>
<context>
    <name>EditorCommands</name>
    <message>
        <source>Add block</source>
        <translation>ブロックを追加</translation>
    </message>
    <message>
        <source>Delete block</source>
        <translation>ブロックを削除</translation>
    </message>
    <message>
        <source>Delete blocks</source>
        <translation>ブロックを削除</translation>
    </message>
    <message>
        <source>Change kind</source>
        <translation>種類を変更</translation>
    </message>
    <message>
        <source>Edit label</source>
        <translation>内容を編集</translation>
    </message>
    <message>
        <source>Edit note</source>
        <translation>メモを編集</translation>
    </message>
    <message>
        <source>Move start</source>
        <translation>開始時刻を変更</translation>
    </message>
    <message>
        <source>Move end</source>
        <translation>終了時刻を変更</translation>
    </message>
    <message>
        <source>Edit block</source>
        <translation>ブロックを編集</translation>
    </message>
    <message>
        <source>Split block</source>
        <translation>ブロックを分割</translation>
    </message>
    <message>
        <source>Merge blocks</source>
        <translation>ブロックを結合</translation>
    </message>
</context>
<context>
    <name>EditorWindow</name>
    <message>
        <source>Edit blocks</source>
        <translation>ブロックの編集</translation>
    </message>
    <message>
        <source>Previous day (Alt+Left)</source>
        <translation>前の日（Alt+←）</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Next day (Alt+Right)</source>
        <translation>次の日（Alt+→）</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Blocks of the day</source>
        <translation>この日のブロック</translation>
    </message>
    <message>
        <source>No blocks on this day. Press Insert to add one.</source>
        <translation>この日のブロックはありません。Insertキーで追加できます。</translation>
    </message>
    <message>
        <source>Insert: add a block · Delete: delete · Enter/F2: edit · Ctrl+T: split · Ctrl+M: merge · Ctrl+1: task · Ctrl+2: growth · Ctrl+Z: undo · Ctrl+Y: redo</source>
        <translation>Insert: ブロックを追加 · Delete: 削除 · Enter/F2: 編集 · Ctrl+T: 分割 · Ctrl+M: 結合 · Ctrl+1: 作業にする · Ctrl+2: 成長にする · Ctrl+Z: 元に戻す · Ctrl+Y: やり直し</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Add block</source>
        <translation>ブロックを追加</translation>
    </message>
    <message>
        <source>Add a block filling the selected gap</source>
        <translation>選択した空き時間を埋めるブロックを追加</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Split at…</source>
        <translation>分割…</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>結合</translation>
    </message>
    <message>
        <source>Merge neighbouring blocks of one kind</source>
        <translation>隣り合う同じ種類のブロックを結合</translation>
    </message>
    <message>
        <source>Make task</source>
        <translation>作業にする</translation>
    </message>
    <message>
        <source>Make growth</source>
        <translation>成長にする</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>やり直し</translation>
    </message>
    <message>
        <source>Change kind</source>
        <translation>種類を変更</translation>
    </message>
    <message>
        <source>Change the kind of the selected blocks</source>
        <translation>選択したブロックの種類を変更</translation>
    </message>
    <message>
        <source>The running block reaches up to now. Select a gap to fill, or split the running block.</source>
        <translation>記録中のブロックは現在まで続いています。埋める空き時間を選ぶか、記録中のブロックを分割してください。</translation>
    </message>
    <message>
        <source>There is no free time after the last block. Select a gap to fill.</source>
        <translation>最後のブロックの後に空き時間がありません。埋める空き時間を選んでください。</translation>
    </message>
    <message>
        <source>Select the blocks to delete.</source>
        <translation>削除するブロックを選んでください。</translation>
    </message>
    <message>
        <source>Select one block to split.</source>
        <translation>分割するブロックを1つ選んでください。</translation>
    </message>
    <message>
        <source>Select two or more neighbouring blocks of one kind.</source>
        <translation>隣り合う同じ種類のブロックを2つ以上選んでください。</translation>
    </message>
    <message>
        <source>Select the blocks whose kind to change.</source>
        <translation>種類を変更するブロックを選んでください。</translation>
    </message>
    <message>
        <source>{0}. The undo history was cleared.</source>
        <translation>{0}。元に戻す履歴は消去されました。</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>保存されませんでした: {0}</translation>
    </message>
    <message>
        <source>{0} {1} · {2} {3} · growth ratio {4} (target {5})</source>
        <translation>{0} {1} · {2} {3} · 成長比率 {4}（目標 {5}）</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>the start of {at} could not be saved: {error}</source>
        <translation>{at} の作業開始は保存できませんでした: {error}</translation>
    </message>
    <message>
        <source>the switch of {at} could not be saved: {error}</source>
        <translation>{at} の切り替えは保存できませんでした: {error}</translation>
    </message>
    <message>
        <source>the stop of {at} could not be saved: {error}</source>
        <translation>{at} の停止は保存できませんでした: {error}</translation>
    </message>
    <message>
        <source>the label contains a control character (tab, newline…); use one line of plain text</source>
        <translation>内容に制御文字（タブや改行など）が含まれています。1 行の普通の文字で入力してください。</translation>
    </message>
    <message>
        <source>the label is {length} characters long; shorten it to at most {max}</source>
        <translation>内容が {length} 文字あります。{max} 文字以内に短くしてください。</translation>
    </message>
    <message>
        <source>the note contains a control character; only tab and newline are allowed</source>
        <translation>メモに制御文字が含まれています。使えるのはタブと改行だけです。</translation>
    </message>
    <message>
        <source>the note is {length} characters long; shorten it to at most {max}</source>
        <translation>メモが {length} 文字あります。{max} 文字以内に短くしてください。</translation>
    </message>
    <message>
        <source>target &apos;{text}&apos; is not a number; use a fraction like 0.25 or a percentage like 25%</source>
        <translation>目標「{text}」は数値ではありません。0.25 のような小数か 25% のような割合で入力してください。</translation>
    </message>
    <message>
        <source>the day start &apos;{text}&apos; must be an hour from 0 to 23</source>
        <translation>1 日の始まり「{text}」は 0～23 時の範囲で指定してください。</translation>
    </message>
    <message>
        <source>the end of day &apos;{text}&apos; must be HH:MM (like 18:00) or off</source>
        <translation>1 日の終わり「{text}」は HH:MM（例: 18:00）か off で指定してください。</translation>
    </message>
    <message>
        <source>the disposable hours &apos;{text}&apos; must be a number of hours</source>
        <translation>可処分時間「{text}」は時間数（数値）で指定してください。</translation>
    </message>
    <message>
        <source>the disposable hours &apos;{text}&apos; must be more than 0 and at most 24</source>
        <translation>可処分時間「{text}」は 0 より大きく 24 以下にしてください。</translation>
    </message>
    <message>
        <source>{key} &apos;{text}&apos; must be a whole number of minutes from 0 to {max}</source>
        <translation>{key}「{text}」は 0～{max} の整数（分）で指定してください。</translation>
    </message>
    <message>
        <source>the long block reminder &apos;{text}&apos; must be a number of hours</source>
        <translation>長いブロックのリマインド「{text}」は時間数（数値）で指定してください。</translation>
    </message>
    <message>
        <source>the long block reminder &apos;{text}&apos; must be from 0 (off) to 12 hours</source>
        <translation>長いブロックのリマインド「{text}」は 0（オフ）～12 時間で指定してください。</translation>
    </message>
    <message>
        <source>the work hours &apos;{text}&apos; must be like 09:00-18:00 (start-end, 24-hour clock)</source>
        <translation>勤務時間「{text}」は 09:00-18:00 のように（開始-終了、24 時間表記で）指定してください。</translation>
    </message>
    <message>
        <source>the end must be after the start (start {start}, end {end}); check the two times</source>
        <translation>終了は開始より後にしてください（開始 {start}、終了 {end}）。2 つの時刻を確認してください。</translation>
    </message>
    <message>
        <source>target &apos;{text}&apos; is out of range; use more than 0 up to 1, or up to 100%</source>
        <translation>目標「{text}」は範囲外です。0 より大きく 1 以下（または 100% 以下）で入力してください。</translation>
    </message>
    <message>
        <source>target &apos;{text}&apos; would be met by every day; use more than 0, like 0.2 or 20%</source>
        <translation>目標「{text}」では毎日が達成になってしまいます。0.2 や 20% のように 0 より大きい値を入力してください。</translation>
    </message>
    <message>
        <source>the work time &apos;{text}&apos; starts and ends at the same time; pick two times</source>
        <translation>勤務時間「{text}」は開始と終了が同じ時刻です。異なる 2 つの時刻を指定してください。</translation>
    </message>
    <message>
        <source>the work days &apos;{text}&apos;: &apos;{word}&apos; is not a weekday; use mon, tue, … sun</source>
        <translation>勤務日「{text}」の「{word}」は曜日ではありません。mon、tue、…、sun で指定してください。</translation>
    </message>
    <message>
        <source>no work day is chosen; tick at least one day</source>
        <translation>勤務日が選ばれていません。少なくとも 1 日にチェックを入れてください。</translation>
    </message>
    <message>
        <source>{key} &apos;{text}&apos; must be one of: {choices}</source>
        <translation>{key}「{text}」は次のいずれかにしてください: {choices}</translation>
    </message>
    <message>
        <source>there is no setting &apos;{key}&apos;</source>
        <translation>「{key}」という設定はありません。</translation>
    </message>
    <message>
        <source>{local} does not exist in the local time zone (the clocks skip it for daylight saving); pick a time outside the gap</source>
        <translation>{local} はこのタイムゾーンに存在しない時刻です（夏時間の切り替えで飛ばされます）。その前後の時刻を指定してください。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is out of range; pick a time between {first} and {last}</source>
        <translation>「{text}」は範囲外です。{first} 年から {last} 年までの時刻を指定してください。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a valid time; type it like 09:30</source>
        <translation>「{text}」は正しい時刻ではありません。09:30 のように入力してください。</translation>
    </message>
    <message>
        <source>cannot read the time &apos;{text}&apos;; type it like 09:30</source>
        <translation>時刻「{text}」を読み取れません。09:30 のように入力してください。</translation>
    </message>
    <message>
        <source>block {id} no longer exists (it was deleted elsewhere); reload the list</source>
        <translation>ブロック {id} はもうありません（ほかの場所で削除されました）。一覧を読み込み直してください。</translation>
    </message>
    <message>
        <source>the id {id} belongs to another block now; nothing was changed</source>
        <translation>ID {id} はすでに別のブロックが使っています。何も変更していません。</translation>
    </message>
    <message>
        <source>another block ({block}) is still running; stop it first</source>
        <translation>ほかのブロック（{block}）がまだ記録中です。先にそれを停止してください。</translation>
    </message>
    <message>
        <source>that would overlap another block ({block}); pick times outside it</source>
        <translation>ほかのブロック（{block}）と重なります。重ならない時刻にしてください。</translation>
    </message>
    <message>
        <source>the shortcut &apos;{text}&apos;: &apos;{word}&apos; is not a key; press the keys again</source>
        <translation>ショートカット「{text}」の「{word}」はキーとして認識できません。キーを押し直してください</translation>
    </message>
    <message>
        <source>the shortcut &apos;{text}&apos; needs Ctrl, Alt or Meta, or it would take ordinary typing away from other programs (only F1–F24 work alone)</source>
        <translation>ショートカット「{text}」には Ctrl、Alt、Meta(Win キー)のいずれかを含めてください。含めないと、ほかのアプリでの普段の入力を奪ってしまいます(単独で使えるのは F1〜F24 だけです)</translation>
    </message>
    <message>
        <source>{at} is in the future; pick a time up to now</source>
        <translation>{at} は未来の時刻です。現在までの時刻を指定してください。</translation>
    </message>
    <message>
        <source>the running block started at {start}; pick a time after that</source>
        <translation>記録中のブロックは {start} に始まっています。それより後の時刻を指定してください。</translation>
    </message>
    <message>
        <source>nothing is running, so there is nothing to stop</source>
        <translation>記録中のブロックがないため、停止するものはありません。</translation>
    </message>
    <message>
        <source>the end {end} is in the future; pick a time up to now</source>
        <translation>終了 {end} は未来の時刻です。現在までの時刻を指定してください。</translation>
    </message>
    <message>
        <source>the block ({block}) is still running; stop it to give it an end</source>
        <translation>このブロック（{block}）はまだ記録中です。終了時刻を付けるには先に停止してください。</translation>
    </message>
    <message>
        <source>a block cannot reach into the future; pick earlier times</source>
        <translation>ブロックを未来の時刻にまで延ばすことはできません。もっと前の時刻を指定してください。</translation>
    </message>
    <message>
        <source>{at} is not inside the block ({block}); pick a time between its start and its end</source>
        <translation>{at} はブロック（{block}）の範囲外です。開始と終了のあいだの時刻を指定してください。</translation>
    </message>
    <message>
        <source>pick at least two neighbouring blocks to merge</source>
        <translation>結合するには、隣り合うブロックを 2 つ以上選んでください。</translation>
    </message>
    <message>
        <source>only blocks of one kind can be merged; change the kind first</source>
        <translation>結合できるのは同じ種類のブロックだけです。先に種類を変更してください。</translation>
    </message>
    <message>
        <source>another block ({block}) lies between them; merge only blocks that follow each other</source>
        <translation>あいだにほかのブロック（{block}）があります。結合できるのは連続したブロックだけです。</translation>
    </message>
    <message>
        <source>the block ({block}) was deleted elsewhere meanwhile; nothing was changed</source>
        <translation>このブロック（{block}）はその間にほかの場所で削除されました。何も変更していません。</translation>
    </message>
    <message>
        <source>the block ({block}) was changed elsewhere meanwhile; nothing was changed</source>
        <translation>このブロック（{block}）はその間にほかの場所で変更されました。何も変更していません。</translation>
    </message>
    <message>
        <source>the away time was not changed: the block that ran when you left was ended while the question was open ({running} runs now); correct the times in Edit blocks if needed</source>
        <translation>離席時間は変更していません。確認の表示中に、離席したときに記録中だったブロックが終了されました（現在は {running} を記録中です）。必要なら「ブロックの編集」で時刻を直してください。</translation>
    </message>
    <message>
        <source>the kind &apos;{text}&apos; is unknown; use task or growth</source>
        <translation>種類「{text}」が分かりません。「作業」か「成長」にしてください。</translation>
    </message>
    <message>
        <source>the day &apos;{text}&apos; is out of range; use a date between {first} and {last}</source>
        <translation>日付「{text}」は範囲外です。{first} 年から {last} 年までの日付にしてください。</translation>
    </message>
    <message>
        <source>the range ends ({last}) before it begins ({first}); swap the days</source>
        <translation>期間の終わり（{last}）が始まり（{first}）より前です。日付を入れ替えてください。</translation>
    </message>
    <message>
        <source>the backup could not be written ({reason}); check the free space and permissions of the data folder</source>
        <translation>バックアップを書き込めませんでした（{reason}）。データフォルダーの空き容量とアクセス権を確認してください。</translation>
    </message>
    <message>
        <source>{error}; your {count} last action(s) in the tray are kept and will be saved, with their times, as soon as the file can be written again</source>
        <translation>{error}トレイでの直近の操作 {count} 件は保持しています。ファイルに書き込めるようになりしだい、操作した時刻のまま保存します。</translation>
    </message>
    <message>
        <source>your {count} last action(s) in the tray are kept and will be saved, with their times, as soon as the file can be written again</source>
        <translation>トレイでの直近の操作 {count} 件は保持しています。ファイルに書き込めるようになりしだい、操作した時刻のまま保存します。</translation>
    </message>
    <message>
        <source>cannot use {path}: another program holds the database busy; try again in a moment; nothing was changed</source>
        <translation>{path} を使えません。ほかのプログラムがデータベースを使用中です。少し待ってからもう一度お試しください。何も変更していません。</translation>
    </message>
    <message>
        <source>cannot use {path}: the file or its folder is read-only; make both writable; nothing was changed</source>
        <translation>{path} を使えません。ファイルかそのフォルダーが読み取り専用です。両方を書き込み可能にしてください。何も変更していません。</translation>
    </message>
    <message>
        <source>cannot use {path}: {files} beside it cannot be written (left read-only by an earlier read while the database was read-only); make them writable, or delete them while no Growth Tracker runs; nothing was changed</source>
        <translation>{path} を使えません。横にある {files} に書き込めません（データベースが読み取り専用だったときの読み込みで、読み取り専用のまま残ったファイルです）。書き込み可能にするか、Growth Tracker を動かしていないときに削除してください。何も変更していません。</translation>
    </message>
    <message>
        <source>cannot use {path}: the disk is full; free some space and try again; nothing was changed</source>
        <translation>{path} を使えません。ディスクがいっぱいです。空き容量を確保してからもう一度お試しください。何も変更していません。</translation>
    </message>
    <message>
        <source>cannot use {path}: the disk reported an error ({detail}); check the disk and try again; nothing was changed</source>
        <translation>{path} を使えません。ディスクがエラーを報告しました（{detail}）。ディスクを確認してからもう一度お試しください。何も変更していません。</translation>
    </message>
    <message>
        <source>{path} was deleted or moved away while in use; nothing was written into the copy still open</source>
        <translation>{path} が使用中に削除されたか移動されました。開いたままの古いコピーには何も書き込んでいません。</translation>
    </message>
    <message>
        <source>{path} was replaced by another file while in use; nothing was written into the copy still open</source>
        <translation>{path} が使用中に別のファイルに置き換えられました。開いたままの古いコピーには何も書き込んでいません。</translation>
    </message>
    <message>
        <source>{path} was deleted while Growth Tracker was running; it was written again from the copy still open, so nothing is lost (to remove it for good, quit Growth Tracker first)</source>
        <translation>Growth Tracker の実行中に {path} が削除されたため、開いていたコピーから書き戻しました。データは失われていません（完全に削除したいときは、先に Growth Tracker を終了してください）。</translation>
    </message>
    <message>
        <source>{path} was replaced by another file while Growth Tracker was running; Growth Tracker now uses that file; what it had open was saved as {saved}</source>
        <translation>Growth Tracker の実行中に {path} が別のファイルに置き換えられました。これからはそのファイルを使います。それまで開いていた内容は {saved} に保存しました。</translation>
    </message>
    <message>
        <source>{path} is missing, but a database was used there ({trace} is left of it); {backup}; to start an empty database there instead, create an empty file with that name</source>
        <translation>{path} が見つかりません。ここではデータベースが使われていました（{trace} が残っています）。{backup}。代わりに空のデータベースで始めるには、その名前で空のファイルを作成してください。</translation>
    </message>
    <message>
        <source>{path} is a folder, not a database file; give the path of a file</source>
        <translation>{path} はフォルダーで、データベースファイルではありません。ファイルのパスを指定してください。</translation>
    </message>
    <message>
        <source>{path} is not a regular file (a device or a pipe), not a database file; give the path of a file</source>
        <translation>{path} は通常のファイルではなく（デバイスかパイプです）、データベースファイルとして使えません。ファイルのパスを指定してください。</translation>
    </message>
    <message>
        <source>the backup {target} could not be written ({reason})</source>
        <translation>バックアップ {target} を書き込めませんでした（{reason}）</translation>
    </message>
    <message>
        <source>today&apos;s backup of {path} was skipped ({reason}); your work is saved; the backup is tried again later</source>
        <translation>{path} の今日のバックアップは作成できなかったため省きました（{reason}）。作業内容は保存されています。バックアップは後でもう一度試みます。</translation>
    </message>
    <message>
        <source>{path} is damaged ({detail}); {backup}; or use --db to pick another file</source>
        <translation>{path} は壊れています（{detail}）。{backup}。または --db で別のファイルを指定してください。</translation>
    </message>
    <message>
        <source>cannot read {path}: {reason}; check the file&apos;s permissions</source>
        <translation>{path} を読み取れません: {reason}。ファイルのアクセス権を確認してください。</translation>
    </message>
    <message>
        <source>{path} is not a Growth Tracker database (not an SQLite file, or damaged); it was left untouched — {backup}; restore it or use --db to pick another file</source>
        <translation>{path} は Growth Tracker のデータベースではありません（SQLite ファイルでないか、壊れています）。ファイルには手を付けていません。{backup}。バックアップから戻すか、--db で別のファイルを指定してください。</translation>
    </message>
    <message>
        <source>{path} cannot be read as a database ({detail}); it was left untouched — {backup}; restore it or use --db to pick another file</source>
        <translation>{path} をデータベースとして読み取れません（{detail}）。ファイルには手を付けていません。{backup}。バックアップから戻すか、--db で別のファイルを指定してください。</translation>
    </message>
    <message>
        <source>{path} is an SQLite database of another program, not Growth Tracker&apos;s; it was left untouched — use --db to pick another file</source>
        <translation>{path} はほかのプログラムの SQLite データベースで、Growth Tracker のものではありません。ファイルには手を付けていません。--db で別のファイルを指定してください。</translation>
    </message>
    <message>
        <source>{path} was upgraded by a newer version of Growth Tracker; install that version (or newer) to open it</source>
        <translation>{path} は新しいバージョンの Growth Tracker で更新されています。開くにはそのバージョン（以降）をインストールしてください。</translation>
    </message>
    <message>
        <source>cannot create the database {path}: {reason}; check that the folder is writable or use --db to pick another place</source>
        <translation>データベース {path} を作成できません: {reason}。フォルダーが書き込み可能か確認するか、--db で別の場所を指定してください。</translation>
    </message>
    <message>
        <source>cannot open {path} ({detail}); {backup}</source>
        <translation>{path} を開けません（{detail}）。{backup}。</translation>
    </message>
    <message>
        <source>the time is outside the years {first}–{last}; pick a time between {first} and {last}</source>
        <translation>時刻が {first}〜{last} 年の範囲外です。{first} 年から {last} 年までの時刻を指定してください</translation>
    </message>
    <message>
        <source>the folder {folder} does not exist; create it or pick another</source>
        <translation>フォルダー {folder} がありません。作成するか、別のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>{path} is a folder; give a file name</source>
        <translation>{path} はフォルダーです。ファイル名を指定してください。</translation>
    </message>
    <message>
        <source>cannot write in {folder}: {reason}; pick a folder you can write to</source>
        <translation>{folder} に書き込めません: {reason}。書き込めるフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>cannot write {path}: {reason}; nothing was changed — free some space or pick another file</source>
        <translation>{path} に書き込めません: {reason}。何も変更していません。空き容量を確保するか、別のファイルを選んでください。</translation>
    </message>
    <message>
        <source>the export was cancelled; nothing was written</source>
        <translation>エクスポートを中止しました。何も書き込んでいません。</translation>
    </message>
    <message>
        <source>{encoding} cannot hold the character &apos;{char}&apos; ({codepoint}) at line {line}, column {column}{block_id}; nothing was written — export as UTF-8 with BOM (which Excel reads) or change that text</source>
        <translation>{encoding} では {line} 行目・{column} 列{block_id}の文字「{char}」（{codepoint}）を表せません。何も書き込んでいません。UTF-8（BOM 付き、Excel で開けます）でエクスポートするか、その文字を変更してください。</translation>
    </message>
    <message>
        <source>{encoding} cannot hold the character &apos;{char}&apos; ({codepoint}) at line {line}, column {column}{block_id}; nothing was written — export as UTF-8 with BOM (which Excel reads) or pick another encoding</source>
        <translation>{encoding} では {line} 行目・{column} 列{block_id}の文字「{char}」（{codepoint}）を表せません。何も書き込んでいません。UTF-8（BOM 付き、Excel で開けます）など別の文字コードでエクスポートしてください。</translation>
    </message>
    <message>
        <source>the text cannot be written as {encoding}; export as UTF-8 with BOM</source>
        <translation>テキストを {encoding} で書き出せません。UTF-8（BOM 付き）でエクスポートしてください。</translation>
    </message>
    <message>
        <source>{path} is not a file (it is a device, a pipe or a socket); give the name of a new or existing file</source>
        <translation>{path} はファイルではありません（デバイスやパイプなど）。新しいファイル名か既存のファイルを指定してください</translation>
    </message>
    <message>
        <source>{path} is a folder; give the CSV file</source>
        <translation>{path} はフォルダーです。CSV ファイルを指定してください</translation>
    </message>
    <message>
        <source>there is no file {path}; check the name</source>
        <translation>ファイル {path} が見つかりません。名前を確認してください</translation>
    </message>
    <message>
        <source>{path} is larger than {limit} MB, too large for a blocks CSV; check that it is the right file (or import it in parts)</source>
        <translation>{path} は {limit} MB を超えており、ブロックの CSV としては大きすぎます。正しいファイルか確認してください（分割して取り込むこともできます）</translation>
    </message>
    <message>
        <source>the import was cancelled; nothing was imported</source>
        <translation>取り込みを中止しました。何も取り込まれていません</translation>
    </message>
    <message>
        <source>{name} is empty; export a blocks CSV and import that</source>
        <translation>{name} は空です。ブロックの CSV をエクスポートして、それを取り込んでください</translation>
    </message>
    <message>
        <source>{name} is UTF-16 text (Excel&apos;s &apos;Unicode text&apos;); save it as &apos;CSV UTF-8 (comma delimited)&apos; and import again</source>
        <translation>{name} は UTF-16 のテキスト（Excel の「Unicode テキスト」）です。「CSV UTF-8 (コンマ区切り)」で保存し直してから取り込んでください</translation>
    </message>
    <message>
        <source>{name} is not a CSV text file (it holds binary data); pick the CSV</source>
        <translation>{name} は CSV テキストファイルではありません（バイナリデータを含んでいます）。CSV ファイルを選んでください</translation>
    </message>
    <message>
        <source>nothing was imported: line {line} of {name} is over {limit} KB long; this is not a blocks CSV — pick the right file</source>
        <translation>何も取り込んでいません：{name} の {line} 行目が {limit} KB を超えています。ブロックの CSV ではありません。正しいファイルを選んでください</translation>
    </message>
    <message>
        <source>nothing was imported: line {line} of {name} cannot be read as UTF-8 or Shift_JIS (cp932) like the rest of the file; save it as &apos;CSV UTF-8&apos; and import again</source>
        <translation>何も取り込んでいません：{name} の {line} 行目を、ファイルのほかの行と同じ UTF-8 または Shift_JIS (cp932) として読めません。「CSV UTF-8」で保存し直してから取り込んでください</translation>
    </message>
    <message>
        <source>cannot read the day &apos;{text}&apos;; type it like 2026-11-28</source>
        <translation>日付「{text}」を読み取れません。2026-11-28 のように入力してください。</translation>
    </message>
    <message>
        <source>database error ({detail})</source>
        <translation>データベースでエラーが起きました（{detail}）。</translation>
    </message>
    <message>
        <source>the environment variable {name} is set but empty; set it to a database file, or unset it to use the default database</source>
        <translation>環境変数 {name} が空のまま設定されています。データベースファイルを指定するか、既定のデータベースを使う場合はこの変数を削除してください。</translation>
    </message>
    <message>
        <source>the sync folder &apos;{text}&apos; is not a usable path; type a folder</source>
        <translation>同期フォルダー「{text}」はパスとして使えません。フォルダーを入力してください</translation>
    </message>
    <message>
        <source>the device name is too long; use at most {max} characters</source>
        <translation>デバイス名が長すぎます。{max} 文字以内にしてください</translation>
    </message>
    <message>
        <source>the device name contains a control character (tab, newline…); use one line of text</source>
        <translation>PC の名前に制御文字（タブや改行など）が含まれています。1 行のテキストにしてください</translation>
    </message>
    <message>
        <source>sync is off; choose a sync folder first</source>
        <translation>同期はオフです。先に同期フォルダーを選んでください</translation>
    </message>
    <message>
        <source>the sync folder {folder} cannot be used ({reason}); check that it exists and that the sync service is running</source>
        <translation>同期フォルダー {folder} を使えません（{reason}）。フォルダーがあるか、同期サービスが動いているか確認してください</translation>
    </message>
    <message>
        <source>another PC writes as this device (this database was copied): {files}</source>
        <translation>別の PC がこのデバイスとして書き込んでいます（データベースがコピーされています）: {files}</translation>
    </message>
    <message>
        <source>the team folder &apos;{text}&apos; is not a usable path; type a folder</source>
        <translation>チーム フォルダー「{text}」はパスとして使えません。フォルダーを入力してください</translation>
    </message>
    <message>
        <source>no team folder is set; choose one first</source>
        <translation>チーム フォルダーが設定されていません。先にフォルダーを選んでください</translation>
    </message>
    <message>
        <source>the team folder {folder} cannot be used ({reason}); nothing was changed — check that it exists and that you may write in it</source>
        <translation>チーム フォルダー {folder} を使えません（{reason}）。何も変更していません。フォルダーがあるか、書き込み権限があるかを確認してください</translation>
    </message>
    <message>
        <source>the team folder {folder} cannot be used (no such folder); nothing was changed — check that it exists and that you may write in it</source>
        <translation>チーム フォルダー {folder} が見つかりません。何も変更していません。フォルダーがあること、書き込めることを確認してください</translation>
    </message>
    <message>
        <source>set the name your team sees first</source>
        <translation>先にチームに表示する名前を設定してください</translation>
    </message>
    <message>
        <source>the team name must be one line of at most {max} characters</source>
        <translation>チームでの名前は {max} 文字以内の 1 行で入力してください</translation>
    </message>
    <message>
        <source>type a label (an empty label is never shared anyway)</source>
        <translation>ラベルを入力してください（空のラベルはもともと共有されません）</translation>
    </message>
    <message>
        <source>&apos;{label}&apos; is now private, but your file in the team folder {folder} could not be rewritten ({reason}), so it still shows that label until the next share — check that the folder exists and that you may write in it</source>
        <translation>「{label}」を非公開にしましたが、チーム フォルダー {folder} のあなたのファイルを書き直せなかった（{reason}）ため、次に共有するまでこの内容が残ります。フォルダーがあること、書き込めることを確認してください</translation>
    </message>
    <message>
        <source>&apos;{label}&apos; is now private, but the team folder {folder} is not there (no such folder), so your file in it still shows that label until the next share — check the folder</source>
        <translation>「{label}」を非公開にしましたが、チーム フォルダー {folder} が見つからないため、そこにあるあなたのファイルには次に共有するまでこの内容が残ります。フォルダーを確認してください</translation>
    </message>
    <message>
        <source>&apos;{label}&apos; cannot count as itself; name another label</source>
        <translation>「{label}」をそれ自身の別名にはできません。別のラベルを指定してください</translation>
    </message>
    <message>
        <source>too large</source>
        <translation>大きすぎます</translation>
    </message>
    <message>
        <source>damaged (not UTF-8 JSON)</source>
        <translation>壊れています。UTF-8 の JSON ではありません</translation>
    </message>
    <message>
        <source>not a Growth Tracker team file</source>
        <translation>Growth Tracker のチームファイルではありません</translation>
    </message>
    <message>
        <source>written by a newer version of Growth Tracker</source>
        <translation>新しいバージョンの Growth Tracker で書かれています</translation>
    </message>
    <message>
        <source>damaged ({detail})</source>
        <translation>壊れています（項目: {detail}）</translation>
    </message>
    <message>
        <source>not a file (a folder, device or pipe)</source>
        <translation>ファイルではありません。フォルダー、デバイスまたはパイプです</translation>
    </message>
    <message>
        <source>cannot be read: {reason}</source>
        <translation>読み取れません: {reason}</translation>
    </message>
    <message>
        <source>nothing was imported: {name} mixes encodings: line {first} is {first_encoding} but line {line} is {encoding}; save the whole file in one encoding (Excel: &apos;CSV UTF-8&apos;) and import again</source>
        <translation>何も取り込んでいません：{name} には文字コードが混在しています（{first} 行目は {first_encoding}、{line} 行目は {encoding}）。ファイル全体を一つの文字コード（Excel では「CSV UTF-8」）で保存し直してから取り込んでください</translation>
    </message>
    <message>
        <source>the blocks could not be added ({detail}); nothing was changed</source>
        <translation>ブロックを追加できませんでした（{detail}）。何も変更していません。</translation>
    </message>
    <message>
        <source>the header names {columns} twice</source>
        <translation>見出し行に {columns} が 2 回出てきます。</translation>
    </message>
    <message>
        <source>has {found} cells, the header has {width}; the row or file may be cut off</source>
        <translation>セルが {found} 個で、見出し行の {width} 個より少ないです。行かファイルが途中で切れている可能性があります。</translation>
    </message>
    <message>
        <source>has {found} cells, more than the header&apos;s {width}; quote cells that hold commas</source>
        <translation>セルが {found} 個あり、見出し行の {width} 個より多いです。カンマを含むセルは &quot; で囲んでください。</translation>
    </message>
    <message>
        <source>a quoted cell starting here is never closed (no ending &quot;): the file is cut off or damaged; export it again</source>
        <translation>ここで始まる &quot; で囲まれたセルが閉じられていません（終わりの &quot; がありません）。ファイルが途中で切れているか壊れています。もう一度書き出してください。</translation>
    </message>
    <message>
        <source>the CSV is malformed here ({detail}); the file may be cut off or damaged</source>
        <translation>ここで CSV の形式が崩れています（{detail}）。ファイルが途中で切れているか壊れている可能性があります。</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a block id (a whole number); leave it empty for new blocks</source>
        <translation>「{text}」はブロック ID（整数）ではありません。新しいブロックなら空欄にしてください。</translation>
    </message>
    <message>
        <source>end: {end} is in the future; fix the time</source>
        <translation>「終了」列: {end} は未来の時刻です。時刻を直してください。</translation>
    </message>
    <message>
        <source>repeats line {other}; keep only one of the two</source>
        <translation>{other} 行目と同じ内容です。どちらか一方だけを残してください。</translation>
    </message>
    <message>
        <source>overlaps line {other}; keep only one of the two</source>
        <translation>{other} 行目と時間が重なっています。どちらか一方だけを残してください。</translation>
    </message>
    <message>
        <source>overlaps a block already in the database ({block}); change the times or delete that block first</source>
        <translation>データベースにあるブロック（{block}）と時間が重なっています。時刻を変えるか、先にそのブロックを削除してください。</translation>
    </message>
    <message>
        <source>id {id} exists with different content ({differences}); remove the row to keep the stored block, or delete block {id} first to import the file&apos;s</source>
        <translation>ID {id} のブロックはすでにあり、内容が異なります（{differences}）。保存済みのブロックを残すならこの行を削除し、ファイルの内容を取り込むなら先にブロック {id} を削除してください。</translation>
    </message>
    <message>
        <source>kind {stored} in the database, {found} in the file</source>
        <translation>種類がデータベースでは{stored}、ファイルでは{found}</translation>
    </message>
    <message>
        <source>label &apos;{stored}&apos; in the database, &apos;{found}&apos; in the file</source>
        <translation>内容がデータベースでは「{stored}」、ファイルでは「{found}」</translation>
    </message>
    <message>
        <source>another note</source>
        <translation>メモが異なる</translation>
    </message>
    <message>
        <source>{stored} in the database, {found} in the file</source>
        <translation>時間がデータベースでは {stored}、ファイルでは {found}</translation>
    </message>
    <message>
        <source>could not turn on start at login: {where}: {reason}; check that this folder is yours and writable, then try again</source>
        <translation>ログイン時の起動をオンにできませんでした: {where}: {reason}。このフォルダーがご自分のもので書き込み可能か確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>could not turn off start at login: {where}: {reason}; check that this folder is yours and writable, then try again</source>
        <translation>ログイン時の起動をオフにできませんでした: {where}: {reason}。このフォルダーがご自分のもので書き込み可能か確認してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>start at login cannot use {path}: a line break, control character or byte that is not UTF-8 in this path would break the login entry; move the database to a folder whose name has none, then try again</source>
        <translation>ログイン時の起動に {path} は使えません: このパスに改行などの制御文字か UTF-8 ではないバイトが含まれていると、ログイン時の起動設定が壊れてしまいます。データベースを、名前にそれらを含まないフォルダーへ移してから、もう一度お試しください。</translation>
    </message>
    <message>
        <source>the Qt platform &apos;{platform}&apos; has no global shortcuts</source>
        <translation>Qt のプラットフォーム「{platform}」ではグローバルショートカットを使えません</translation>
    </message>
    <message>
        <source>{library} cannot be loaded ({detail})</source>
        <translation>{library} を読み込めません({detail})</translation>
    </message>
    <message>
        <source>there is no X display (DISPLAY is not set)</source>
        <translation>X ディスプレイがありません(DISPLAY が設定されていません)</translation>
    </message>
    <message>
        <source>the X display {display} cannot be reached</source>
        <translation>X ディスプレイ {display} に接続できません</translation>
    </message>
    <message>
        <source>RegisterHotKey exists only on Windows</source>
        <translation>RegisterHotKey は Windows でしか使えません</translation>
    </message>
    <message>
        <source>macOS refused the shortcut handler (error {status})</source>
        <translation>macOS がショートカットの受け取りを拒否しました(エラー {status})</translation>
    </message>
    <message>
        <source>the D-Bus session bus cannot be reached ({detail})</source>
        <translation>D-Bus のセッションバスに接続できません({detail})</translation>
    </message>
    <message>
        <source>this desktop&apos;s portal (org.freedesktop.portal.GlobalShortcuts) offers no global shortcuts</source>
        <translation>このデスクトップのポータル(org.freedesktop.portal.GlobalShortcuts)はグローバルショートカットに対応していません</translation>
    </message>
    <message>
        <source>no graphical session (neither DISPLAY nor WAYLAND_DISPLAY is set)</source>
        <translation>グラフィカルなセッションではありません（DISPLAY も WAYLAND_DISPLAY も設定されていません）</translation>
    </message>
    <message>
        <source>Wayland session and no D-Bus idle monitor was provided</source>
        <translation>Wayland セッションで、D-Bus の無操作モニターが用意されていません</translation>
    </message>
    <message>
        <source>Wayland session: {error}</source>
        <translation>Wayland セッション: {error}</translation>
    </message>
    <message>
        <source>the Wayland compositor offers neither ext-idle-notify-v1 nor org_kde_kwin_idle</source>
        <translation>Wayland コンポジターが ext-idle-notify-v1 にも org_kde_kwin_idle にも対応していません</translation>
    </message>
    <message>
        <source>neither the desktop&apos;s D-Bus idle monitor (GNOME, KDE) nor the compositor (ext-idle-notify-v1, org_kde_kwin_idle) reports how long you have been idle</source>
        <translation>デスクトップの D-Bus アイドル監視（GNOME、KDE）からもコンポジター（ext-idle-notify-v1、org_kde_kwin_idle）からも、操作のない時間を取得できません</translation>
    </message>
    <message>
        <source>no D-Bus session bus to ask for the idle time</source>
        <translation>無操作時間を問い合わせる D-Bus セッションバスがありません</translation>
    </message>
    <message>
        <source>neither org.gnome.Mutter.IdleMonitor nor org.freedesktop.ScreenSaver answers on the session bus</source>
        <translation>セッションバス上で org.gnome.Mutter.IdleMonitor も org.freedesktop.ScreenSaver も応答しません</translation>
    </message>
    <message>
        <source>{library} cannot be loaded ({detail}); install libxss1 / libX11</source>
        <translation>{library} を読み込めません（{detail}）。libxss1 / libX11 をインストールしてください</translation>
    </message>
    <message>
        <source>cannot open the X display {display}</source>
        <translation>X ディスプレイ {display} を開けません</translation>
    </message>
    <message>
        <source>the X server has no MIT-SCREEN-SAVER extension</source>
        <translation>X サーバーに MIT-SCREEN-SAVER 拡張がありません</translation>
    </message>
    <message>
        <source>XScreenSaverAllocInfo failed (out of memory)</source>
        <translation>XScreenSaverAllocInfo が失敗しました（メモリー不足）</translation>
    </message>
    <message>
        <source>GetLastInputInfo needs Windows (ctypes.WinDLL is missing)</source>
        <translation>GetLastInputInfo には Windows が必要です（ctypes.WinDLL がありません）</translation>
    </message>
    <message>
        <source> (block {0})</source>
        <translation>（ブロック {0}）</translation>
    </message>
    <message>
        <source>since {0}</source>
        <translation>{0}から記録中</translation>
    </message>
    <message>
        <source>{0}, {1}</source>
        <translation>{0} {1}</translation>
    </message>
    <message>
        <source>{0} “{1}”, {2}</source>
        <translation>{0}「{1}」{2}</translation>
    </message>
    <message>
        <source>no backup exists yet</source>
        <translation>バックアップはまだありません</translation>
    </message>
    <message>
        <source>block {id} is still running on another PC ({device}); split or merge it once it has ended</source>
        <translation>ブロック {id} は別の PC（{device}）でまだ記録中です。分割や結合は、そのブロックが終わってから行ってください</translation>
    </message>
    <message>
        <source>blocks recorded on different PCs cannot be merged; each PC keeps its own blocks</source>
        <translation>別々の PC で記録したブロックは結合できません。ブロックは記録した PC ごとに分かれています</translation>
    </message>
    <message>
        <source>the header is a days CSV&apos;s (totals per day); export a blocks CSV and import that</source>
        <translation>見出し行が日別の CSV（1 日ごとの合計）のものです。ブロックの CSV を書き出して、それを取り込んでください。</translation>
    </message>
    <message>
        <source>the header lacks the column {columns}; expected {expected}</source>
        <translation>見出し行に列 {columns} がありません。必要な列は {expected} です。</translation>
    </message>
    <message>
        <source>the header lacks the columns {columns}; expected {expected}</source>
        <translation>見出し行に列 {columns} がありません。必要な列は {expected} です。</translation>
    </message>
    <message>
        <source>{column}: {error}</source>
        <translation>「{column}」列: {error}</translation>
    </message>
    <message>
        <source>cannot read the time &apos;{text}&apos;; use &apos;YYYY-MM-DD HH:MM:SS&apos; or ISO-8601 like 2026-11-28T09:15:00+09:00</source>
        <translation>時刻「{text}」を読み取れません。YYYY-MM-DD HH:MM:SS の形か、2026-11-28T09:15:00+09:00 のような ISO-8601 の形で書いてください。</translation>
    </message>
    <message>
        <source>the start is empty; use &apos;YYYY-MM-DD HH:MM:SS&apos; or ISO-8601 like 2026-11-28T09:15:00+09:00</source>
        <translation>開始が空欄です。YYYY-MM-DD HH:MM:SS の形か、2026-11-28T09:15:00+09:00 のような ISO-8601 の形で書いてください。</translation>
    </message>
    <message>
        <source>the newest backup is {0}; to go back to it, quit Growth Tracker and copy that file over {1} (delete {2}-wal and {2}-shm beside it if they exist)</source>
        <translation>最新のバックアップは {0} です。戻すには Growth Tracker を終了し、そのファイルを {1} に上書きコピーしてください（同じ場所に {2}-wal と {2}-shm があれば削除してください）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>／</translation>
    </message>
    <message>
        <source>id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>end</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>label</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>Away after</source>
        <translation>離席とみなすまでの時間</translation>
    </message>
    <message>
        <source>The untracked reminder</source>
        <translation>未記録のリマインド</translation>
    </message>
    <message>
        <source>The language</source>
        <translation>表示言語</translation>
    </message>
    <message>
        <source>The tray click</source>
        <translation>トレイのクリック</translation>
    </message>
    <message>
        <source>The label a click starts with</source>
        <translation>クリックで始めるブロックのラベル</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>ログイン時に起動</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>{0} — Export CSV</source>
        <translation>{0} — CSVエクスポート</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>This week</source>
        <translation>今週</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>今月</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>先月</translation>
    </message>
    <message>
        <source>Everything</source>
        <translation>すべて</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>期間を指定</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>範囲(&amp;R):</translation>
    </message>
    <message>
        <source>to</source>
        <translation>～</translation>
    </message>
    <message>
        <source>&amp;Dates:</source>
        <translation>期間(&amp;D):</translation>
    </message>
    <message>
        <source>Blocks — one row per block</source>
        <translation>ブロック — 1ブロックにつき1行</translation>
    </message>
    <message>
        <source>Days — totals, growth ratio and target per day</source>
        <translation>日 — 1日ごとの合計・成長比率・目標</translation>
    </message>
    <message>
        <source>Split blocks at day boundaries (per-day sums match)</source>
        <translation>日の境目でブロックを分割する（日ごとの合計と一致します）</translation>
    </message>
    <message>
        <source>Shape:</source>
        <translation>形式:</translation>
    </message>
    <message>
        <source>UTF-8 with BOM (Excel, LibreOffice)</source>
        <translation>UTF-8 BOM付き（Excel、LibreOffice）</translation>
    </message>
    <message>
        <source>UTF-8 without BOM (scripts)</source>
        <translation>UTF-8 BOMなし（スクリプト向け）</translation>
    </message>
    <message>
        <source>Shift_JIS / cp932 (older tools)</source>
        <translation>Shift_JIS / cp932（古いツール向け）</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>文字コード(&amp;E):</translation>
    </message>
    <message>
        <source>English column keys (stable, for scripts)</source>
        <translation>英語の列名（固定、スクリプト向け）</translation>
    </message>
    <message>
        <source>Japanese column names (日本語)</source>
        <translation>日本語の列名</translation>
    </message>
    <message>
        <source>&amp;Header:</source>
        <translation>見出し行(&amp;H):</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>ファイル(&amp;I):</translation>
    </message>
    <message>
        <source>E&amp;xport</source>
        <translation>エクスポート(&amp;X)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>I&amp;mport CSV…</source>
        <translation>CSVインポート(&amp;M)…</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSVエクスポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSVファイル (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>{0} already exists.
Do you want to replace it?</source>
        <translation>{0} は既に存在します。
置き換えますか？</translation>
    </message>
    <message>
        <source>It is in {0}.</source>
        <translation>場所: {0}</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>置き換える(&amp;R)</translation>
    </message>
    <message>
        <source>Choose a file to export to.</source>
        <translation>エクスポート先のファイルを選んでください。</translation>
    </message>
    <message>
        <source>{0} is a device, pipe or socket, not a file; pick a file name</source>
        <translation>{0} はデバイス・パイプ・ソケットで、ファイルではありません。別のファイル名を指定してください</translation>
    </message>
    <message>
        <source>Nothing was exported: {0}</source>
        <translation>エクスポートできませんでした: {0}</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセルしています…</translation>
    </message>
    <message>
        <source>Exported {0} rows to {1}</source>
        <translation>{0}行を{1}にエクスポートしました</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>エクスポート中…</translation>
    </message>
</context>
<context>
    <name>FiguresPanel</name>
    <message>
        <source>day in a row meeting the target, up to yesterday</source>
        <translation>日連続で目標達成（昨日まで）</translation>
    </message>
    <message>
        <source>days in a row meeting the target, up to yesterday</source>
        <translation>日連続で目標達成（昨日まで）</translation>
    </message>
    <message>
        <source>day in a row meeting the target, up to {0}</source>
        <translation>日連続で目標達成（{0}まで）</translation>
    </message>
    <message>
        <source>days in a row meeting the target, up to {0}</source>
        <translation>日連続で目標達成（{0}まで）</translation>
    </message>
    <message>
        <source>A day counts once it is over, when it meets its target with at least {0} h tracked. Days with less tracked (days off) neither break nor extend the streak.</source>
        <translation>その日が終わってから数えます。記録が {0} 時間以上あり目標を達成した日が連続にかぞえられます。記録がそれより少ない日（休日など）は、連続を途切れさせも延ばしもしません。</translation>
    </message>
    <message>
        <source>{0} of tracked time</source>
        <translation>記録時間の{0}</translation>
    </message>
    <message>
        <source>nothing tracked yet</source>
        <translation>まだ記録がありません</translation>
    </message>
    <message>
        <source>enough to meet the target</source>
        <translation>目標に届いています</translation>
    </message>
    <message>
        <source>the target cannot be reached</source>
        <translation>目標には届きません</translation>
    </message>
    <message>
        <source>{0} more reaches the target</source>
        <translation>あと{0}で目標に届きます</translation>
    </message>
    <message>
        <source>– no data · target {0}</source>
        <translation>– データなし · 目標 {0}</translation>
    </message>
    <message>
        <source>✓ target {0} met</source>
        <translation>✓ 目標 {0} を達成</translation>
    </message>
    <message>
        <source>✗ below the target {0}</source>
        <translation>✗ 目標 {0} に未達</translation>
    </message>
    <message>
        <source>{0} of {1} days met</source>
        <translation>{1}日中{0}日達成</translation>
    </message>
    <message>
        <source>Growth ratio</source>
        <translation>成長比率</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>傾向</translation>
    </message>
    <message>
        <source>last 7 / 30 days</source>
        <translation>直近7日 / 30日</translation>
    </message>
    <message>
        <source>Tracked</source>
        <translation>記録時間</translation>
    </message>
    <message>
        <source>of {0} disposable hours</source>
        <translation>可処分時間 {0} のうち</translation>
    </message>
    <message>
        <source>Streak</source>
        <translation>連続達成</translation>
    </message>
    <message>
        <source>↗ rising</source>
        <translation>↗ 上昇</translation>
    </message>
    <message>
        <source>↘ falling</source>
        <translation>↘ 下降</translation>
    </message>
    <message>
        <source>→ steady</source>
        <translation>→ 横ばい</translation>
    </message>
</context>
<context>
    <name>Hotkeys</name>
    <message>
        <source>Growth Tracker: switch task ⇄ growth</source>
        <translation>Growth Tracker: 作業 ⇄ 成長を切り替え</translation>
    </message>
    <message>
        <source>Growth Tracker: quick switcher</source>
        <translation>Growth Tracker: クイック切り替え</translation>
    </message>
</context>
<context>
    <name>HotkeysGroup</name>
    <message>
        <source>Global shortcuts</source>
        <translation>グローバルショートカット</translation>
    </message>
    <message>
        <source>Click the ic&amp;on:</source>
        <translation>アイコンのクリック(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Quick switcher:</source>
        <translation>クイック切り替え(&amp;Q):</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <source>Press the keys, e.g. Ctrl+Alt+G; they work in every program.</source>
        <translation>Ctrl+Alt+G のようにキーを押してください。どのアプリを使っていても効きます。</translation>
    </message>
    <message>
        <source>The shortcuts work while Growth Tracker runs in the tray.</source>
        <translation>ショートカットは Growth Tracker がトレイで動いている間だけ使えます。</translation>
    </message>
    <message>
        <source>Shortcuts are grabbed through {0}.</source>
        <translation>ショートカットは {0} で登録しています。</translation>
    </message>
    <message>
        <source>{0} works in every program.</source>
        <translation>{0} はどのアプリからでも使えます。</translation>
    </message>
    <message>
        <source>{0} is already used by another program; choose another key.</source>
        <translation>{0} はほかのアプリが使用中です。別のキーを選んでください。</translation>
    </message>
    <message>
        <source>{0} is already the other shortcut; choose another key.</source>
        <translation>{0} はもう一方のショートカットに使われています。別のキーを選んでください。</translation>
    </message>
    <message>
        <source>{0} waits for the desktop to confirm it.</source>
        <translation>{0} はデスクトップの確認を待っています。</translation>
    </message>
    <message>
        <source>Global shortcuts are not possible here: {0}</source>
        <translation>この環境ではグローバルショートカットを使えません: {0}</translation>
    </message>
    <message>
        <source>{0} could not be set up on this system; choose another key.</source>
        <translation>{0} はこのシステムで登録できませんでした。別のキーを選んでください。</translation>
    </message>
</context>
<context>
    <name>HotspotsModel</name>
    <message>
        <source>Routine</source>
        <translation>作業の内容</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Blocks</source>
        <translation>ブロック数</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>割合</translation>
    </message>
    <message>
        <source>Part of all routine time in the range</source>
        <translation>期間内の作業時間全体に占める割合</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>（内容なし）</translation>
    </message>
    <message>
        <source>{0}: {1} in {2} blocks</source>
        <translation>{0}: {2}ブロックで{1}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>{0} — Import CSV</source>
        <translation>{0} — CSVインポート</translation>
    </message>
    <message>
        <source>Adds the blocks of a CSV file exported by Growth Tracker (also after editing it in a spreadsheet). All rows are added, or none: blocks already here are skipped, and rows with problems are listed for you to fix.</source>
        <translation>Growth TrackerからエクスポートしたCSVファイル（表計算ソフトで編集したものも可）のブロックを追加します。すべての行を追加するか、1行も追加しないかのどちらかです。登録済みのブロックは飛ばし、問題のある行は修正できるよう一覧で示します。</translation>
    </message>
    <message>
        <source>A blocks CSV file</source>
        <translation>ブロックのCSVファイル</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>ファイル(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>参照(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Rows to fix:</source>
        <translation>修正が必要な行(&amp;R):</translation>
    </message>
    <message>
        <source>C&amp;opy list</source>
        <translation>一覧をコピー(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Check</source>
        <translation>確認(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>インポート(&amp;I)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Import CSV</source>
        <translation>CSVインポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSVファイル (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Choose the CSV file to import.</source>
        <translation>インポートするCSVファイルを選んでください。</translation>
    </message>
    <message>
        <source>{0} is a device, pipe or socket, not a file; pick the CSV file</source>
        <translation>{0} はデバイス・パイプ・ソケットで、ファイルではありません。CSVファイルを選んでください</translation>
    </message>
    <message>
        <source>Checking {0}…</source>
        <translation>{0} を確認しています…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>インポートしています…</translation>
    </message>
    <message>
        <source>Added {0}.</source>
        <translation>{0}を追加しました。</translation>
    </message>
    <message>
        <source>Nothing was imported. Fix these rows in the file, then check it again:</source>
        <translation>何もインポートしていません。ファイルの次の行を直してから、もう一度確認してください:</translation>
    </message>
    <message>
        <source>line {0}: {1}</source>
        <translation>{0}行目: {1}</translation>
    </message>
    <message>
        <source>… and {0} more rows</source>
        <translation>…ほか {0} 行</translation>
    </message>
    <message>
        <source>Nothing was imported: {0}</source>
        <translation>何もインポートしていません: {0}</translation>
    </message>
    <message>
        <source>1 block</source>
        <translation>1件のブロック</translation>
    </message>
    <message>
        <source>{0} blocks</source>
        <translation>{0}件のブロック</translation>
    </message>
    <message>
        <source>{0} already present.</source>
        <translation>{0}件は登録済みでした。</translation>
    </message>
    <message>
        <source>Rows still running (empty end) are skipped: {0}.</source>
        <translation>終了が空（実行中）の行{0}件は取り込みません。</translation>
    </message>
    <message>
        <source>{0} will be added, {1} already present.</source>
        <translation>{0}を追加します（{1}件は登録済み）。</translation>
    </message>
    <message>
        <source>{0} will be added.</source>
        <translation>{0}を追加します。</translation>
    </message>
    <message>
        <source>Import them?</source>
        <translation>インポートしますか？</translation>
    </message>
    <message>
        <source>Nothing to add: its one block is already present.</source>
        <translation>追加するものはありません（ファイルの1件のブロックは登録済みです）。</translation>
    </message>
    <message>
        <source>Nothing to add: all {0} are already present.</source>
        <translation>追加するものはありません（{0}はすべて登録済みです）。</translation>
    </message>
    <message>
        <source>Nothing to add: the file holds no finished blocks.</source>
        <translation>追加するものはありません（ファイルに終了済みのブロックがありません）。</translation>
    </message>
    <message>
        <source>The check was cancelled.</source>
        <translation>確認をキャンセルしました。</translation>
    </message>
</context>
<context>
    <name>Kind</name>
    <message>
        <source>Task</source>
        <translation>作業</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>成長</translation>
    </message>
    <message>
        <source>task</source>
        <translation>作業</translation>
    </message>
    <message>
        <source>growth</source>
        <translation>成長</translation>
    </message>
</context>
<context>
    <name>KindDelegate</name>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
</context>
<context>
    <name>LabelDelegate</name>
    <message>
        <source>Label</source>
        <translation>内容</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <source>Hide this message</source>
        <translation>このメッセージを閉じる</translation>
    </message>
</context>
<context>
    <name>NoTrayWindow</name>
    <message>
        <source>Growth Tracker lives in the system tray, but this desktop shows no system tray.

On GNOME, install the “AppIndicator and KStatusNotifierItem Support” extension (package gnome-shell-extension-appindicator on Ubuntu, Debian and Fedora), enable it and log in again. Growth Tracker keeps waiting and its icon appears as soon as a tray does. The command line (growth-tracker status, switch, stop) works either way.</source>
        <translation>Growth Tracker はシステムトレイで動作しますが、このデスクトップにはシステムトレイがありません。

GNOME では拡張機能「AppIndicator and KStatusNotifierItem Support」（Ubuntu・Debian・Fedora ではパッケージ gnome-shell-extension-appindicator）をインストールして有効にし、ログインし直してください。Growth Tracker は待機を続け、トレイが現れるとすぐにアイコンを表示します。コマンドライン（growth-tracker status、switch、stop）はどちらの場合も使えます。</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
</context>
<context>
    <name>NoteDelegate</name>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
</context>
<context>
    <name>NoteEdit</name>
    <message>
        <source>Enter saves · Shift+Enter starts a new line</source>
        <translation>Enterで保存 · Shift+Enterで改行</translation>
    </message>
</context>
<context>
    <name>NoteEditor</name>
    <message>
        <source>What did I learn today? Which routine could I cut or automate?</source>
        <translation>今日は何を学びましたか？ 減らせる作業や自動化できる作業はありましたか？</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>場所(&amp;L):</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>ファイルの種類(&amp;T):</translation>
    </message>
</context>
<context>
    <name>QuickLabelDialog</name>
    <message>
        <source>Start {0}</source>
        <translation>{0}を開始</translation>
    </message>
    <message>
        <source>What are you working on? (optional)</source>
        <translation>何をしていますか？（省略可）</translation>
    </message>
    <message>
        <source>Enter starts a task block · Esc cancels</source>
        <translation>Enterで作業を開始 · Escでキャンセル</translation>
    </message>
    <message>
        <source>Enter starts a growth block · Esc cancels</source>
        <translation>Enterで成長を開始 · Escでキャンセル</translation>
    </message>
</context>
<context>
    <name>QuickSwitcher</name>
    <message>
        <source>Start a {0} block — Tab switches task ⇄ growth</source>
        <translation>{0}のブロックを開始 — Tab キーで作業 ⇄ 成長を切り替え</translation>
    </message>
    <message>
        <source>Enter starts · Esc closes</source>
        <translation>Enter で開始 · Esc で閉じる</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>{0} — unfinished block</source>
        <translation>{0} — 終了していないブロック</translation>
    </message>
    <message>
        <source>The {0} block “{1}” of {2} started at {3} and was last seen running at {4}.</source>
        <translation>{2}の{0}ブロック「{1}」は {3} に始まり、最後に記録中を確認できたのは {4} です。</translation>
    </message>
    <message>
        <source>The {0} block of {1} started at {2} and was last seen running at {3}.</source>
        <translation>{1}の{0}ブロックは {2} に始まり、最後に記録中を確認できたのは {3} です。</translation>
    </message>
    <message>
        <source>Growth Tracker was not closed properly.</source>
        <translation>Growth Tracker が正しく終了しませんでした。</translation>
    </message>
    <message>
        <source>What should happen to this block?</source>
        <translation>このブロックをどうしますか？</translation>
    </message>
    <message>
        <source>End at &amp;last seen ({0})</source>
        <translation>最後に確認した時刻（{0}）で終了(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Keep running</source>
        <translation>記録を続ける(&amp;K)</translation>
    </message>
    <message>
        <source>End &amp;now ({0})</source>
        <translation>今の時刻（{0}）で終了(&amp;N)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>{0} — Settings</source>
        <translation>{0} — 設定</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>End of day</source>
        <translation>1日の終わり</translation>
    </message>
    <message>
        <source>Away from the desk</source>
        <translation>離席</translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation>リマインダー</translation>
    </message>
    <message>
        <source>Tray and start-up</source>
        <translation>トレイと起動</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>データ</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>&amp;Target growth ratio:</source>
        <translation>目標の成長比率(&amp;T):</translation>
    </message>
    <message>
        <source>Day &amp;starts at:</source>
        <translation>1日の始まり(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Disposable hours a day:</source>
        <translation>1日の可処分時間(&amp;D):</translation>
    </message>
    <message>
        <source>&amp;Away after no input for:</source>
        <translation>離席とみなす無操作時間(&amp;A):</translation>
    </message>
    <message>
        <source>Remind when &amp;nothing is tracked for:</source>
        <translation>記録がないまま経過したら通知(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Work hours:</source>
        <translation>勤務時間(&amp;W):</translation>
    </message>
    <message>
        <source>Wor&amp;k days:</source>
        <translation>勤務日(&amp;K):</translation>
    </message>
    <message>
        <source>Remind when one &amp;block runs:</source>
        <translation>1つのブロックが続いたら通知(&amp;B):</translation>
    </message>
    <message>
        <source>Tray &amp;click:</source>
        <translation>トレイのクリック(&amp;C):</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>言語(&amp;L):</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>データフォルダー:</translation>
    </message>
    <message>
        <source>Applies from today on; past days keep the target they had.</source>
        <translation>今日から適用されます。過去の日の目標は変わりません。</translation>
    </message>
    <message>
        <source>Work after midnight and before this hour counts to the day before.</source>
        <translation>0時からこの時刻までの作業は前日に含めます。</translation>
    </message>
    <message>
        <source> h</source>
        <translation> 時間</translation>
    </message>
    <message>
        <source>Used for “tracked X of Y h” in the summary.</source>
        <translation>サマリーの「可処分時間のうち記録した時間」に使います。</translation>
    </message>
    <message>
        <source>Show the day&apos;s summary at the &amp;end of the day:</source>
        <translation>1日の終わりにサマリーを表示(&amp;E):</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分</translation>
    </message>
    <message>
        <source>Only inside work hours on work days, and only while you are at the computer.</source>
        <translation>勤務日の勤務時間内で、パソコンの前にいるときだけ通知します。</translation>
    </message>
    <message>
        <source>Once at every multiple: 2 h, then 4 h, … of one block.</source>
        <translation>1つのブロックが2時間、4時間…と続くたびに1回通知します。</translation>
    </message>
    <message>
        <source>Work days: Monday</source>
        <translation>勤務日: 月曜日</translation>
    </message>
    <message>
        <source>Switch task ⇄ growth</source>
        <translation>作業 ⇄ 成長を切り替え</translation>
    </message>
    <message>
        <source>Open the quick panel</source>
        <translation>クイックパネルを開く</translation>
    </message>
    <message>
        <source>Do nothing (menu only)</source>
        <translation>何もしない（メニューのみ）</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの設定に従う</translation>
    </message>
    <message>
        <source>Start Growth Tracker when I log &amp;in</source>
        <translation>ログイン時に Growth Tracker を起動(&amp;I)</translation>
    </message>
    <message>
        <source>A click &amp;reuses the last label</source>
        <translation>クリックで直前のラベルを引き継ぐ(&amp;R)</translation>
    </message>
    <message>
        <source>Nothing running: a click continues the last block with its label. A switch takes the label the other kind had last. Off: clicks start blocks without a label.</source>
        <translation>記録していないときのクリックは、直前のブロックを同じラベルで再開します。切り替えでは、切り替え先の種類で最後に使ったラベルを付けます。オフにすると、クリックで始めるブロックはラベルなしになります。</translation>
    </message>
    <message>
        <source>Team sharin&amp;g…</source>
        <translation>チームで共有(&amp;G)…</translation>
    </message>
    <message>
        <source>O&amp;pen folder</source>
        <translation>フォルダーを開く(&amp;P)</translation>
    </message>
    <message>
        <source>Back &amp;up now</source>
        <translation>今すぐバックアップ(&amp;U)</translation>
    </message>
    <message>
        <source>Copy the database into the backups folder beside it.</source>
        <translation>データベースを同じ場所の backups フォルダーにコピーします。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Sharing as {0} in {1}</source>
        <translation>「{0}」として {1} で共有中</translation>
    </message>
    <message>
        <source>Not sharing with a team.</source>
        <translation>チームとは共有していません。</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>保存されませんでした: {0}</translation>
    </message>
    <message>
        <source>Checking how idle time can be read here…</source>
        <translation>無操作時間の取得方法を確認しています…</translation>
    </message>
    <message>
        <source>Idle time is read from this system ({0}).</source>
        <translation>無操作時間はこのシステム（{0}）から取得します。</translation>
    </message>
    <message>
        <source>Idle time cannot be read here: {0}. Only a computer that sleeps counts as away.</source>
        <translation>この環境では無操作時間を取得できません: {0}。パソコンがスリープしたときだけ離席とみなします。</translation>
    </message>
    <message>
        <source>The folder could not be opened; its path is {0}</source>
        <translation>フォルダーを開けませんでした。場所は {0} です。</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>バックアップしています…</translation>
    </message>
    <message>
        <source>No backup made: {0}</source>
        <translation>バックアップできませんでした: {0}</translation>
    </message>
    <message>
        <source>Backed up to {0}</source>
        <translation>{0} にバックアップしました</translation>
    </message>
</context>
<context>
    <name>SplitDialog</name>
    <message>
        <source>Split block</source>
        <translation>ブロックを分割</translation>
    </message>
    <message>
        <source>now</source>
        <translation>現在</translation>
    </message>
    <message>
        <source>Split at</source>
        <translation>分割する時刻</translation>
    </message>
    <message>
        <source>Split “{0}” ({1}–{2}) at:</source>
        <translation>「{0}」（{1}–{2}）を分割する時刻:</translation>
    </message>
    <message>
        <source>Type a time inside the block, like 10:45 or 1045.</source>
        <translation>ブロック内の時刻を 10:45 や 1045 のように入力してください。</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>（内容なし）</translation>
    </message>
</context>
<context>
    <name>SummaryText</name>
    <message>
        <source>Week {0}</source>
        <translation>{0}の週</translation>
    </message>
    <message>
        <source>(no label)</source>
        <translation>（内容なし）</translation>
    </message>
    <message>
        <source>Reflection:</source>
        <translation>ふりかえり:</translation>
    </message>
    <message>
        <source>Reflection · {0}:</source>
        <translation>ふりかえり · {0}:</translation>
    </message>
    <message>
        <source>nothing tracked</source>
        <translation>記録なし</translation>
    </message>
    <message>
        <source>✓ met</source>
        <translation>✓ 達成</translation>
    </message>
    <message>
        <source>✗ not met</source>
        <translation>✗ 未達</translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation>昨日</translation>
    </message>
    <message>
        <source>Streak: 1 day meeting the target, up to {0}</source>
        <translation>連続達成: 1日（{0}まで）</translation>
    </message>
    <message>
        <source>Streak: %n days meeting the target, up to {0}</source>
        <translation>連続達成: %n日（{0}まで）</translation>
    </message>
    <message>
        <source>Routine hotspots (candidates to automate):</source>
        <translation>自動化候補（時間のかかった作業）:</translation>
    </message>
    <message>
        <source>Growth summary · {0}</source>
        <translation>成長サマリー · {0}</translation>
    </message>
    <message>
        <source>Growth ratio {0} (target {1}) {2}</source>
        <translation>成長比率 {0}（目標 {1}）{2}</translation>
    </message>
    <message>
        <source>Trend: 7 days {0}, 30 days {1}</source>
        <translation>傾向: 7日 {0}、30日 {1}</translation>
    </message>
    <message>
        <source>Growth {0} · Task {1} · tracked {2} of {3} disposable hours</source>
        <translation>成長 {0} · 作業 {1} · 可処分時間 {3} のうち {2} を記録</translation>
    </message>
    <message>
        <source>Growth work:</source>
        <translation>成長の内容:</translation>
    </message>
</context>
<context>
    <name>SummaryWindow</name>
    <message>
        <source>&amp;Copy summary</source>
        <translation>サマリーをコピー(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the ratio, trend and growth work as text</source>
        <translation>成長比率・傾向・成長の内容をテキストでコピーします</translation>
    </message>
    <message>
        <source>Include &amp;routine</source>
        <translation>作業も含める(&amp;R)</translation>
    </message>
    <message>
        <source>Save chart as &amp;PNG…</source>
        <translation>グラフをPNGで保存(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>CSVエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>Edit &amp;blocks…</source>
        <translation>ブロックを編集(&amp;B)…</translation>
    </message>
    <message>
        <source>Summary · {0} — {1}</source>
        <translation>サマリー · {0} — {1}</translation>
    </message>
    <message>
        <source>Also list the routine hotspots of the range</source>
        <translation>期間内の自動化候補（作業）も含める</translation>
    </message>
    <message>
        <source>Routine hotspots · {0}</source>
        <translation>自動化候補 · {0}</translation>
    </message>
    <message>
        <source>Task labels that took most time in this range: candidates to automate.</source>
        <translation>この期間に時間のかかった作業です。自動化を検討する候補になります。</translation>
    </message>
    <message>
        <source>No routine tracked in this range.</source>
        <translation>この期間に記録された作業はありません。</translation>
    </message>
    <message>
        <source>Nothing tracked yet. To start, click the Growth Tracker icon in the system tray: the first click starts a task (routine) block, the next switches it to growth. Or right-click the icon and choose Start task or Start growth.</source>
        <translation>まだ何も記録されていません。システムトレイの Growth Tracker アイコンをクリックすると「作業」の記録が始まり、もう一度クリックすると「成長」に切り替わります。右クリックのメニューの「作業を開始」「成長を開始」からも始められます。</translation>
    </message>
    <message>
        <source>Reflection · {0}</source>
        <translation>ふりかえり · {0}</translation>
    </message>
    <message>
        <source>Saved as you type.</source>
        <translation>入力すると自動で保存されます。</translation>
    </message>
    <message>
        <source>Summary copied to the clipboard.</source>
        <translation>サマリーをクリップボードにコピーしました。</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>グラフをPNGで保存</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG画像 (*.png)</translation>
    </message>
    <message>
        <source>Could not save the charts: {0}</source>
        <translation>グラフを保存できませんでした: {0}</translation>
    </message>
    <message>
        <source>Charts saved to {0}</source>
        <translation>グラフを{0}に保存しました</translation>
    </message>
    <message>
        <source>Saved at {0}.</source>
        <translation>{0}に保存しました。</translation>
    </message>
</context>
<context>
    <name>SyncComponent</name>
    <message>
        <source>Sync failed: {0}</source>
        <translation>同期できませんでした: {0}</translation>
    </message>
    <message>
        <source>Sync: waiting for the first sync</source>
        <translation>同期: 最初の同期を待っています</translation>
    </message>
    <message>
        <source>Synced at {0}; cannot read yet: {1}</source>
        <translation>{0} に同期しました。まだ読めないファイル: {1}</translation>
    </message>
    <message>
        <source>Synced at {0}</source>
        <translation>{0} に同期しました</translation>
    </message>
    <message>
        <source>On {0}: {1} since {2}</source>
        <translation>{0} で記録中: {1}（{2} から）</translation>
    </message>
</context>
<context>
    <name>SyncGroup</name>
    <message>
        <source>Sync with other PCs</source>
        <translation>ほかの PC との同期</translation>
    </message>
    <message>
        <source>Sync &amp;folder:</source>
        <translation>同期フォルダー(&amp;F):</translation>
    </message>
    <message>
        <source>off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>選択(&amp;H)…</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>オフにする</translation>
    </message>
    <message>
        <source>This PC&apos;s na&amp;me:</source>
        <translation>この PC の名前(&amp;M):</translation>
    </message>
    <message>
        <source>PCs found:</source>
        <translation>見つかった PC:</translation>
    </message>
    <message>
        <source>A folder OneDrive, Dropbox, Syncthing or a file share keeps in step on every PC. Each PC writes only its own files there.</source>
        <translation>OneDrive、Dropbox、Syncthing、共有フォルダーなどで、どの PC でも同じ内容に保たれるフォルダーです。各 PC はそこに自分のファイルだけを書き込みます。</translation>
    </message>
    <message>
        <source>Sync is off.</source>
        <translation>同期はオフです。</translation>
    </message>
    <message>
        <source>{0} (this PC)</source>
        <translation>{0}（この PC）</translation>
    </message>
    <message>
        <source>{0}: not seen yet</source>
        <translation>{0}: まだ確認されていません</translation>
    </message>
    <message>
        <source>{0}: last change seen {1}</source>
        <translation>{0}: 最後の変更 {1}</translation>
    </message>
    <message>
        <source>Choose the sync folder</source>
        <translation>同期フォルダーを選択</translation>
    </message>
</context>
<context>
    <name>TeamChart</name>
    <message>
        <source>Growth ratio per week</source>
        <translation>週ごとの成長比率</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>Target {0} %</source>
        <translation>目標 {0} %</translation>
    </message>
    <message>
        <source>Nobody shared anything for these weeks</source>
        <translation>この期間に共有されたデータはありません</translation>
    </message>
</context>
<context>
    <name>TeamPreviewDialog</name>
    <message>
        <source>{0} — What you share</source>
        <translation>{0} — 共有する内容</translation>
    </message>
    <message>
        <source>Exactly this is written to {0}: your name “{1}”, your target {2} % and {3} days. Nothing else: no block times, notes or reflections.</source>
        <translation>{0} に書き込まれるのは、名前「{1}」、目標 {2} %、それに以下の{3}日分だけです。ブロックの時刻・メモ・振り返りは含まれません。</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>作業</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>成長</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>比率</translation>
    </message>
    <message>
        <source>What I&apos;m learning</source>
        <translation>学んでいること</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>作業の内容</translation>
    </message>
    <message>
        <source>S&amp;hare</source>
        <translation>共有する(&amp;H)</translation>
    </message>
</context>
<context>
    <name>TeamSettingsDialog</name>
    <message>
        <source>{0} — Team sharing</source>
        <translation>{0} — チームで共有</translation>
    </message>
    <message>
        <source>Team folder</source>
        <translation>チームフォルダー</translation>
    </message>
    <message>
        <source>Team &amp;folder:</source>
        <translation>チームフォルダー(&amp;F):</translation>
    </message>
    <message>
        <source>not sharing</source>
        <translation>共有しない</translation>
    </message>
    <message>
        <source>A folder the whole team can open (OneDrive, SharePoint, a file share). You write only your own file there; its permissions decide who reads it.</source>
        <translation>チーム全員が開けるフォルダー（OneDrive、SharePoint、ファイル共有など）。書き込むのは自分のファイルだけです。誰が読めるかはフォルダーのアクセス権で決まります。</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>選択(&amp;H)…</translation>
    </message>
    <message>
        <source>Your &amp;name in the team:</source>
        <translation>チームに表示する名前(&amp;N):</translation>
    </message>
    <message>
        <source>What you share (per day, the last 13 weeks)</source>
        <translation>共有する内容（日ごと、直近 13 週間）</translation>
    </message>
    <message>
        <source>&amp;Task and growth time and the ratio</source>
        <translation>作業と成長の時間、成長比率(&amp;T)</translation>
    </message>
    <message>
        <source>What I&apos;m &amp;learning: growth labels with their time</source>
        <translation>学んでいること: 成長ラベルとその時間(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Routine hotspots: task labels with their time</source>
        <translation>自動化候補: 作業ラベルとその時間(&amp;R)</translation>
    </message>
    <message>
        <source>Private labels</source>
        <translation>非公開のラベル</translation>
    </message>
    <message>
        <source>A checked label is never shared; its time still counts in the day&apos;s totals. Space checks the selected label.</source>
        <translation>チェックしたラベルは共有されません。その時間は日ごとの合計には含まれます。選択中のラベルはスペースキーでチェックできます。</translation>
    </message>
    <message>
        <source>&amp;Preview…</source>
        <translation>プレビュー(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Share now</source>
        <translation>今すぐ共有(&amp;S)</translation>
    </message>
    <message>
        <source>L&amp;eave team…</source>
        <translation>チームから抜ける(&amp;E)…</translation>
    </message>
    <message>
        <source>Open the team &amp;view…</source>
        <translation>チームの画面を開く(&amp;V)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>保存されませんでした: {0}</translation>
    </message>
    <message>
        <source>Choose the team folder</source>
        <translation>チームフォルダーを選択</translation>
    </message>
    <message>
        <source>the team folder (not chosen yet)</source>
        <translation>チームフォルダー（未選択）</translation>
    </message>
    <message>
        <source>Type the name your team sees first.</source>
        <translation>先にチームに表示する名前を入力してください。</translation>
    </message>
    <message>
        <source>Choose the team folder first.</source>
        <translation>先にチームフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Sharing…</source>
        <translation>共有中…</translation>
    </message>
    <message>
        <source>Shared {0} days to {1}</source>
        <translation>{0}日分を {1} に共有しました</translation>
    </message>
    <message>
        <source>Nothing was shared: {0}</source>
        <translation>共有できませんでした: {0}</translation>
    </message>
    <message>
        <source>Leave the team? Your file is removed from {0} and sharing stops.</source>
        <translation>チームから抜けますか？ あなたのファイルを {0} から削除し、共有を止めます。</translation>
    </message>
    <message>
        <source>&amp;Leave</source>
        <translation>抜ける(&amp;L)</translation>
    </message>
    <message>
        <source>Not left: {0}</source>
        <translation>チームから抜けられませんでした: {0}</translation>
    </message>
    <message>
        <source>You left the team; you had no file in its folder.</source>
        <translation>チームから抜けました。フォルダーにあなたのファイルはありませんでした。</translation>
    </message>
    <message>
        <source>You left the team; {0} was removed.</source>
        <translation>チームから抜けました。{0} を削除しました。</translation>
    </message>
</context>
<context>
    <name>TeamShareComponent</name>
    <message>
        <source>Team sharing failed: {0}</source>
        <translation>チームへの共有に失敗しました: {0}</translation>
    </message>
</context>
<context>
    <name>TeamWindow</name>
    <message>
        <source>{0} — Team</source>
        <translation>{0} — チーム</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>開始日(&amp;F):</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>終了日(&amp;T):</translation>
    </message>
    <message>
        <source>&amp;Last 4 weeks</source>
        <translation>直近 4 週間(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Sharing settings…</source>
        <translation>共有の設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>CSVエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>{0} h</source>
        <translation>{0} 時間</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>作業</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>成長</translation>
    </message>
    <message>
        <source>Ratio</source>
        <translation>比率</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目標</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新日</translation>
    </message>
    <message>
        <source>{0} (you)</source>
        <translation>{0}（あなた）</translation>
    </message>
    <message>
        <source>{0}: no update for 30 days or more</source>
        <translation>{0}: 30 日以上更新がありません</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>テーマ</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>チーム</translation>
    </message>
    <message>
        <source>Routine</source>
        <translation>作業の内容</translation>
    </message>
    <message>
        <source>Per week</source>
        <translation>週あたり</translation>
    </message>
    <message>
        <source>People</source>
        <comment>how many people do it</comment>
        <translation>人数</translation>
    </message>
    <message>
        <source>People</source>
        <translation>メンバー</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Learning map — who to ask</source>
        <translation>学びのマップ — 誰に聞けばよいか</translation>
    </message>
    <message>
        <source>Growth hours per topic and person. Click a topic (or press Enter on it) to see who spent time on it recently. Ctrl+C copies a table.</source>
        <translation>テーマごと・人ごとの成長の時間です。テーマをクリックする（または Enter キーを押す）と、最近それに時間を使った人が表示されます。Ctrl+C で表をコピーできます。</translation>
    </message>
    <message>
        <source>Team routine hotspots — candidates to automate</source>
        <translation>チームの自動化候補 — 時間のかかっている作業</translation>
    </message>
    <message>
        <source>C&amp;ount</source>
        <translation>まとめる作業(&amp;O):</translation>
    </message>
    <message>
        <source>&amp;Map</source>
        <translation>まとめる(&amp;M)</translation>
    </message>
    <message>
        <source>Undo ma&amp;pping</source>
        <translation>まとめを解除(&amp;P)</translation>
    </message>
    <message>
        <source>Count a routine label as another one (synonyms such as 請求書確認 and 請求書チェック)</source>
        <translation>作業ラベルを別のラベルと同じものとして数えます（請求書確認と請求書チェックのような言い換え）</translation>
    </message>
    <message>
        <source>Reading the team folder…</source>
        <translation>チームフォルダーを読み込み中…</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <comment>a skipped file and why</comment>
        <translation>{0}（{1}）</translation>
    </message>
    <message>
        <source>; </source>
        <translation>、</translation>
    </message>
    <message>
        <source>Skipped, cannot be read: {0}</source>
        <translation>読み込めないため飛ばしたファイル: {0}</translation>
    </message>
    <message>
        <source>{0}: nobody has shared yet.</source>
        <translation>{0}: まだ誰も共有していません。</translation>
    </message>
    <message>
        <source>{0}: the team&apos;s growth share is {1} ({2} people)</source>
        <translation>{0}: チームの成長比率は {1}（{2} 人）</translation>
    </message>
    <message>
        <source>Select a topic to see who to ask.</source>
        <translation>テーマを選ぶと、誰に聞けばよいかが表示されます。</translation>
    </message>
    <message>
        <source>{0} ({1}, last on {2})</source>
        <translation>{0}さん（{1}、最後は {2}）</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between the people who know a topic</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>Who to ask about {0}: {1}</source>
        <translation>「{0}」について聞ける人: {1}</translation>
    </message>
    <message>
        <source>Automating {0} frees {1} a week; the team&apos;s growth share would be {2} (now {3}).</source>
        <translation>「{0}」を自動化すると毎週 {1}が空き、チームの成長比率は {2} になります（現在 {3}）。</translation>
    </message>
    <message>
        <source>Counted as one: {0}</source>
        <translation>同じものとして数えるラベル: {0}</translation>
    </message>
    <message>
        <source>Choose a routine label and the label it counts as.</source>
        <translation>作業ラベルと、それをまとめる先のラベルを選んでください。</translation>
    </message>
    <message>
        <source>Not saved: {0}</source>
        <translation>保存されませんでした: {0}</translation>
    </message>
    <message>
        <source>Export the team view</source>
        <translation>チームの画面をエクスポート</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSVファイル (*.csv);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>{0} is a device, pipe or socket, not a file; pick a file name</source>
        <translation>{0} はデバイス・パイプ・ソケットで、ファイルではありません。別のファイル名を指定してください</translation>
    </message>
    <message>
        <source>Nothing was exported: {0}</source>
        <translation>エクスポートできませんでした: {0}</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>エクスポート中…</translation>
    </message>
    <message>
        <source>&amp;as</source>
        <translation>まとめ先(&amp;A):</translation>
    </message>
    <message>
        <source>Exported the team view to {0}</source>
        <translation>チームの画面を {0} にエクスポートしました</translation>
    </message>
</context>
<context>
    <name>TimeEntry</name>
    <message>
        <source>Time</source>
        <translation>時刻</translation>
    </message>
    <message>
        <source>HH:MM</source>
        <translation>HH:MM</translation>
    </message>
    <message>
        <source>Type 10:45, 1045 or 10.45; with a date, 11-29 01:30. Enter saves.</source>
        <translation>10:45、1045、10.45 のように入力します。日付も入れるときは 11-29 01:30 のように。Enter で保存します。</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>now</source>
        <translation>現在</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Not tracking</source>
        <translation>記録停止中</translation>
    </message>
    <message>
        <source>Target {0} is out of reach once routine is tracked</source>
        <translation>作業の記録があるため、今日は目標{0}に届きません</translation>
    </message>
    <message>
        <source>{0} more growth reaches {1}</source>
        <translation>あと{0}の成長で{1}に届きます</translation>
    </message>
    <message>
        <source>Nothing tracked today</source>
        <translation>今日はまだ記録がありません</translation>
    </message>
    <message>
        <source>Target {0}</source>
        <translation>目標 {0}</translation>
    </message>
    <message>
        <source>Today: growth {0} of {1}</source>
        <translation>今日: 成長 {0} / 合計 {1}</translation>
    </message>
    <message>
        <source>{0} / target {1}</source>
        <translation>成長比率 {0} / 目標 {1}</translation>
    </message>
    <message>
        <source>target met</source>
        <translation>目標達成</translation>
    </message>
</context>
<context>
    <name>TrayController</name>
    <message>
        <source>Start &amp;task</source>
        <translation>作業を開始(&amp;T)</translation>
    </message>
    <message>
        <source>Start &amp;growth</source>
        <translation>成長を開始(&amp;G)</translation>
    </message>
    <message>
        <source>S&amp;witch to task</source>
        <translation>作業に切り替え(&amp;W)</translation>
    </message>
    <message>
        <source>S&amp;witch to growth</source>
        <translation>成長に切り替え(&amp;W)</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>停止(&amp;O)</translation>
    </message>
    <message>
        <source>Today&apos;s &amp;summary…</source>
        <translation>今日のサマリー(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Edit blocks…</source>
        <translation>ブロックを編集(&amp;E)…</translation>
    </message>
    <message>
        <source>E&amp;xport CSV…</source>
        <translation>CSVエクスポート(&amp;X)…</translation>
    </message>
    <message>
        <source>&amp;Import CSV…</source>
        <translation>CSVインポート(&amp;I)…</translation>
    </message>
    <message>
        <source>Te&amp;am…</source>
        <translation>チーム(&amp;A)…</translation>
    </message>
    <message>
        <source>Setti&amp;ngs…</source>
        <translation>設定(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>Not tracking</source>
        <translation>記録停止中</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>新規(&amp;N)…</translation>
    </message>
</context>
</TS>
