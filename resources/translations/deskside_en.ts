<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>BulkDialog</name>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/bulk_dialog.py" line="+29" />
        <source>Assign %n ticket(s)</source>
        <translation>
            <numerusform>Assign %n ticket</numerusform><numerusform>Assign %n tickets</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Change state of %n ticket(s)</source>
        <translation>
            <numerusform>Change state of %n ticket</numerusform><numerusform>Change state of %n tickets</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Set priority of %n ticket(s)</source>
        <translation>
            <numerusform>Set priority of %n ticket</numerusform><numerusform>Set priority of %n tickets</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+32" />
        <source>{0}  (%n of {1})</source>
        <translation>
            <numerusform>{0}  (%n of {1})</numerusform><numerusform>{0}  (%n of {1})</numerusform></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <location filename="../../app/ui/main_window.py" line="+406" />
        <source>{0}: %n changed, {1} skipped. Ctrl+Z undoes.</source>
        <translation>
            <numerusform>{0}: %n changed, {1} skipped. Ctrl+Z undoes.</numerusform><numerusform>{0}: %n changed, {1} skipped. Ctrl+Z undoes.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+19" />
        <source>Undone: {0} (%n ticket(s)).</source>
        <translation>
            <numerusform>Undone: {0} (%n ticket).</numerusform><numerusform>Undone: {0} (%n tickets).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+13" />
        <source>%n ticket(s) left unchanged:</source>
        <translation>
            <numerusform>%n ticket left unchanged:</numerusform><numerusform>%n tickets left unchanged:</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n ticket(s) changed.</source>
        <translation>
            <numerusform>%n ticket changed.</numerusform><numerusform>%n tickets changed.</numerusform></translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message numerus="yes">
        <location filename="../../app/ui/queue/queue_page.py" line="+176" />
        <source>%Ln ticket(s)</source>
        <translation>
            <numerusform>%Ln ticket</numerusform><numerusform>%Ln tickets</numerusform></translation>
    </message>
</context>
</TS>