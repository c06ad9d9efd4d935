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
        <location filename="../../app/ui/queue/bulk_edit.py" line="+60" />
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
    <name>ProblemEditor</name>
    <message numerus="yes">
        <location line="+4" />
        <source>{0} is resolved. %n linked incident(s) are still open.</source>
        <translation><numerusform>{0} is resolved. %n linked incident are still open.</numerusform><numerusform>{0} is resolved. %n linked incidents are still open.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>{0}: %n changed.</source>
        <translation><numerusform>{0}: %n changed.</numerusform><numerusform>{0}: %n changed.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="-58" />
        <source>Undone: {0} (%n ticket(s)).</source>
        <translation><numerusform>Undone: {0} (%n ticket).</numerusform><numerusform>Undone: {0} (%n tickets).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+19" />
        <source>Workaround sent to %n incident(s).</source>
        <translation><numerusform>Workaround sent to %n incident.</numerusform><numerusform>Workaround sent to %n incidents.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+14" />
        <source>Workaround withdrawn from %n incident(s).</source>
        <translation><numerusform>Workaround withdrawn from %n incident.</numerusform><numerusform>Workaround withdrawn from %n incidents.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Resolve %n open linked incident(s) with the resolution of {0}?</source>
        <translation><numerusform>Resolve %n open linked incident with the resolution of {0}?</numerusform><numerusform>Resolve %n open linked incidents with the resolution of {0}?</numerusform></translation>
    </message>
    </context>
<context>
    <name>ProblemPickerDialog</name>
    <message numerus="yes">
        <location line="+4" />
        <source>%n problem(s)</source>
        <translation><numerusform>%n problem</numerusform><numerusform>%n problems</numerusform></translation>
    </message>
    </context>
<context>
    <name>ProblemsPage</name>
    <message numerus="yes">
        <location line="+25" />
        <source>%n problem(s)</source>
        <translation><numerusform>%n problem</numerusform><numerusform>%n problems</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n known error(s)</source>
        <translation><numerusform>%n known error</numerusform><numerusform>%n known errors</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n major incident(s)</source>
        <translation><numerusform>%n major incident</numerusform><numerusform>%n major incidents</numerusform></translation>
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
    <name>QueueProblemActions</name>
    <message numerus="yes">
        <location line="+1" />
        <source>Link the %n selected incident(s) to a problem. Ctrl+Z undoes.</source>
        <translation><numerusform>Link the %n selected incident to a problem. Ctrl+Z undoes.</numerusform><numerusform>Link the %n selected incidents to a problem. Ctrl+Z undoes.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="-6" />
        <source>Problem statement (title) for the %n selected incident(s):</source>
        <translation><numerusform>Problem statement (title) for the %n selected incident:</numerusform><numerusform>Problem statement (title) for the %n selected incidents:</numerusform></translation>
    </message>
    </context>
<context>
    <name>SimilarIncidentsList</name>
    <message numerus="yes">
        <location line="+15" />
        <source>%n similar incident(s), open or from the last 90 days</source>
        <translation><numerusform>%n similar incident, open or from the last 90 days</numerusform><numerusform>%n similar incidents, open or from the last 90 days</numerusform></translation>
    </message>
    </context>
<context>
    <name>SimilarView</name>
    <message numerus="yes">
        <location line="+8" />
        <source>%n incident(s) linked.</source>
        <translation><numerusform>%n incident linked.</numerusform><numerusform>%n incidents linked.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>{0} created with %n incident(s).</source>
        <translation><numerusform>{0} created with %n incident.</numerusform><numerusform>{0} created with %n incidents.</numerusform></translation>
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
<context>
    <name>WorkaroundDialog</name>
    <message numerus="yes">
        <location line="+3" />
        <source>This public reply goes to %n open linked incident(s); their requesters get it by mail.</source>
        <translation><numerusform>This public reply goes to %n open linked incident; their requesters get it by mail.</numerusform><numerusform>This public reply goes to %n open linked incidents; their requesters get it by mail.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>&amp;Send to %n incident(s)</source>
        <translation><numerusform>&amp;Send to %n incident</numerusform><numerusform>&amp;Send to %n incidents</numerusform></translation>
    </message>
    </context>
</TS>