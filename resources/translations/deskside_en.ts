<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en">
<context>
    <name>ArrivalNotifier</name>
    <message numerus="yes">
        <location line="+12" />
        <source>%n new mail(s) on your tickets</source>
        <translation><numerusform>%n new mail on your tickets</numerusform><numerusform>%n new mails on your tickets</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n new ticket(s) in your groups</source>
        <translation><numerusform>%n new ticket in your groups</numerusform><numerusform>%n new tickets in your groups</numerusform></translation>
    </message>
    </context>
<context>
    <name>BulkDialog</name>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/bulk_dialog.py" line="+36" />
        <source>Assign %n ticket(s)</source>
        <translation><numerusform>Assign %n ticket</numerusform><numerusform>Assign %n tickets</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Change state of %n ticket(s)</source>
        <translation><numerusform>Change state of %n ticket</numerusform><numerusform>Change state of %n tickets</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Set priority of %n ticket(s)</source>
        <translation><numerusform>Set priority of %n ticket</numerusform><numerusform>Set priority of %n tickets</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>{0}  (%n of {1})</source>
        <translation><numerusform>{0}  (%n of {1})</numerusform><numerusform>{0}  (%n of {1})</numerusform></translation>
    </message>
    </context>
<context>
    <name>BulkEditController</name>
    <message numerus="yes">
        <location filename="../../app/ui/queue/bulk_edit.py" line="+56" />
        <source>{0}: %n changed, {1} skipped. Ctrl+Z undoes.</source>
        <translation><numerusform>{0}: %n changed, {1} skipped. Ctrl+Z undoes.</numerusform><numerusform>{0}: %n changed, {1} skipped. Ctrl+Z undoes.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+20" />
        <source>Undone: {0} (%n ticket(s)).</source>
        <translation><numerusform>Undone: {0} (%n ticket).</numerusform><numerusform>Undone: {0} (%n tickets).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n ticket(s) left unchanged:</source>
        <translation><numerusform>%n ticket left unchanged:</numerusform><numerusform>%n tickets left unchanged:</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n ticket(s) changed.</source>
        <translation><numerusform>%n ticket changed.</numerusform><numerusform>%n tickets changed.</numerusform></translation>
    </message>
    </context>
<context>
    <name>ChartPlot</name>
    <message numerus="yes">
        <location filename="../../app/ui/dashboard/plots.py" line="-4" />
        <source>%Ln change(s)</source>
        <translation><numerusform>%Ln change</numerusform><numerusform>%Ln changes</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%Ln ticket(s)</source>
        <translation><numerusform>%Ln ticket</numerusform><numerusform>%Ln tickets</numerusform></translation>
    </message>
    </context>
<context>
    <name>FirstRunDialog</name>
    <message numerus="yes">
        <location line="+1" />
        <source>A sample desk with %Ln ticket(s), agents and groups, to explore freely.</source>
        <translation><numerusform>A sample desk with %Ln ticket, agents and groups, to explore freely.</numerusform><numerusform>A sample desk with %Ln tickets, agents and groups, to explore freely.</numerusform></translation>
    </message>
    </context>
<context>
    <name>QueuePage</name>
    <message numerus="yes">
        <location line="+2" />
        <source>%Ln ticket(s)</source>
        <translation><numerusform>%Ln ticket</numerusform><numerusform>%Ln tickets</numerusform></translation>
    </message>
    </context>
<context>
    <name>SlaPolicyDialog</name>
    <message numerus="yes">
        <location line="+63" />
        <source>SLA policy saved; %Ln open ticket(s) measured again.</source>
        <translation><numerusform>SLA policy saved; %Ln open ticket measured again.</numerusform><numerusform>SLA policy saved; %Ln open tickets measured again.</numerusform></translation>
    </message>
</context>
</TS>