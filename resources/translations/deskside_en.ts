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
    <name>ArticleView</name>
    <message numerus="yes">
        <location line="+1" />
        <source>Version {0}, changed {1} · Solved %Ln ticket(s){2} · Keywords: {3}</source>
        <translation><numerusform>Version {0}, changed {1} · Solved %Ln ticket{2} · Keywords: {3}</numerusform><numerusform>Version {0}, changed {1} · Solved %Ln tickets{2} · Keywords: {3}</numerusform></translation>
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
        <location filename="../../app/ui/queue/bulk_edit.py" line="+63" />
        <source>{0}: %n changed, {1} skipped. Ctrl+Z undoes.</source>
        <translation><numerusform>{0}: %n changed, {1} skipped. Ctrl+Z undoes.</numerusform><numerusform>{0}: %n changed, {1} skipped. Ctrl+Z undoes.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+32" />
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
    <name>CalendarCanvas</name>
    <message numerus="yes">
        <location line="+1" />
        <source>%Ln conflict(s)</source>
        <translation><numerusform>%Ln conflict</numerusform><numerusform>%Ln conflicts</numerusform></translation>
    </message>
    </context>
<context>
    <name>CalendarEditing</name>
    <message numerus="yes">
        <location line="+5" />
        <source>Moving {0} to {1} creates %Ln conflict(s). Move it anyway?</source>
        <translation><numerusform>Moving {0} to {1} creates %Ln conflict. Move it anyway?</numerusform><numerusform>Moving {0} to {1} creates %Ln conflicts. Move it anyway?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+16" />
        <source>Exported %Ln change(s)</source>
        <translation><numerusform>Exported %Ln change</numerusform><numerusform>Exported %Ln changes</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>and %Ln window(s) to {0}.</source>
        <translation><numerusform>and %Ln window to {0}.</numerusform><numerusform>and %Ln windows to {0}.</numerusform></translation>
    </message>
    </context>
<context>
    <name>ChangeImpactView</name>
    <message numerus="yes">
        <source>Its CIs reach %n CI(s)</source>
        <translation><numerusform>Its CIs reach %n CI</numerusform><numerusform>Its CIs reach %n CIs</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n business service(s)</source>
        <translation><numerusform>%n business service</numerusform><numerusform>%n business services</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n open incident(s) sit on them.</source>
        <translation><numerusform>%n open incident sit on them.</numerusform><numerusform>%n open incidents sit on them.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n ticket(s) fall due inside the change window;</source>
        <translation><numerusform>%n ticket fall due inside the change window;</numerusform><numerusform>%n tickets fall due inside the change window;</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n other change(s) overlap it on the same services or CIs.</source>
        <translation><numerusform>%n other change overlap it on the same services or CIs.</numerusform><numerusform>%n other changes overlap it on the same services or CIs.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+9" />
        <source>Its CIs reach %Ln CI(s)</source>
        <translation><numerusform>Its CIs reach %Ln CI</numerusform><numerusform>Its CIs reach %Ln CIs</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%Ln business service(s)</source>
        <translation><numerusform>%Ln business service</numerusform><numerusform>%Ln business services</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%Ln open incident(s) sit on them.</source>
        <translation><numerusform>%Ln open incident sit on them.</numerusform><numerusform>%Ln open incidents sit on them.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%Ln ticket(s) fall due inside the change window;</source>
        <translation><numerusform>%Ln ticket fall due inside the change window;</numerusform><numerusform>%Ln tickets fall due inside the change window;</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%Ln other change(s) overlap it on the same services or CIs.</source>
        <translation><numerusform>%Ln other change overlap it on the same services or CIs.</numerusform><numerusform>%Ln other changes overlap it on the same services or CIs.</numerusform></translation>
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
    <name>CiDetailPane</name>
    <message numerus="yes">
        <location line="+2" />
        <source>%n open incident(s)</source>
        <translation><numerusform>%n open incident</numerusform><numerusform>%n open incidents</numerusform></translation>
    </message>
    </context>
<context>
    <name>CiImpactView</name>
    <message numerus="yes">
        <location line="+14" />
        <source>An outage here reaches %n other CI(s)</source>
        <translation><numerusform>An outage here reaches %n other CI</numerusform><numerusform>An outage here reaches %n other CIs</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n business service(s)</source>
        <translation><numerusform>%n business service</numerusform><numerusform>%n business services</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n user(s).</source>
        <translation><numerusform>%n user.</numerusform><numerusform>%n users.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>In that blast radius: %n open incident(s)</source>
        <translation><numerusform>In that blast radius: %n open incident</numerusform><numerusform>In that blast radius: %n open incidents</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n open change(s).</source>
        <translation><numerusform>%n open change.</numerusform><numerusform>%n open changes.</numerusform></translation>
    </message>
    </context>
<context>
    <name>CiImportDialog</name>
    <message numerus="yes">
        <location filename="../../app/ui/cmdb/csv_dialog.py" line="+43" />
        <source>%n relation(s) to add.</source>
        <translation><numerusform>%n relation to add.</numerusform><numerusform>%n relations to add.</numerusform></translation>
    </message>
    </context>
<context>
    <name>CiIncidentHint</name>
    <message numerus="yes">
        <location line="+3" />
        <source>Possible major incident: %n other open incident(s) on this CI or what depends on it.</source>
        <translation><numerusform>Possible major incident: %n other open incident on this CI or what depends on it.</numerusform><numerusform>Possible major incident: %n other open incidents on this CI or what depends on it.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>Possible major incident: %n other open incident(s)</source>
        <translation><numerusform>Possible major incident: %n other open incident</numerusform><numerusform>Possible major incident: %n other open incidents</numerusform></translation>
    </message>
</context>
<context>
    <name>CiPicker</name>
    <message numerus="yes">
        <location line="+44" />
        <source>%n CI(s) shown; type more to narrow them</source>
        <translation><numerusform>%n CI shown; type more to narrow them</numerusform><numerusform>%n CIs shown; type more to narrow them</numerusform></translation>
    </message>
    </context>
<context>
    <name>CmdbPage</name>
    <message numerus="yes">
        <location line="+58" />
        <source>%n CI(s)</source>
        <translation><numerusform>%n CI</numerusform><numerusform>%n CIs</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+13" />
        <source>%n CI(s) exported to {0}</source>
        <translation><numerusform>%n CI exported to {0}</numerusform><numerusform>%n CIs exported to {0}</numerusform></translation>
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
    <name>ImpactTree</name>
    <message numerus="yes">
        <location line="+18" />
        <source>%n open incident(s)</source>
        <translation><numerusform>%n open incident</numerusform><numerusform>%n open incidents</numerusform></translation>
    </message>
    </context>
<context>
    <name>IncidentSearchView</name>
    <message numerus="yes">
        <source>%n incident(s) match.</source>
        <translation><numerusform>%n incident match.</numerusform><numerusform>%n incidents match.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%Ln incident(s) match.</source>
        <translation><numerusform>%Ln incident match.</numerusform><numerusform>%Ln incidents match.</numerusform></translation>
    </message>
    </context>
<context>
    <name>KnowledgePage</name>
    <message numerus="yes">
        <location line="+47" />
        <source>%Ln+ article(s)</source>
        <translation><numerusform>%Ln+ article</numerusform><numerusform>%Ln+ articles</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%Ln article(s)</source>
        <translation><numerusform>%Ln article</numerusform><numerusform>%Ln articles</numerusform></translation>
    </message>
    </context>
<context>
    <name>KnowledgeSuggestions</name>
    <message numerus="yes">
        <location line="+11" />
        <source>Knowledge: %Ln suggestion(s)</source>
        <translation><numerusform>Knowledge: %Ln suggestion</numerusform><numerusform>Knowledge: %Ln suggestions</numerusform></translation>
    </message>
    </context>
<context>
    <name>MacroController</name>
    <message numerus="yes">
        <location line="+3" />
        <source>Apply “{0}” to %n ticket(s)?</source>
        <translation><numerusform>Apply “{0}” to %n ticket?</numerusform><numerusform>Apply “{0}” to %n tickets?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>{0}: %n ticket(s) changed, {1} left unchanged. Ctrl+Z in the queue (or Undo last macro) undoes.</source>
        <translation><numerusform>{0}: %n ticket changed, {1} left unchanged. Ctrl+Z in the queue (or Undo last macro) undoes.</numerusform><numerusform>{0}: %n tickets changed, {1} left unchanged. Ctrl+Z in the queue (or Undo last macro) undoes.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n ticket(s) changed; these refused the macro and are as they were:</source>
        <translation><numerusform>%n ticket changed; these refused the macro and are as they were:</numerusform><numerusform>%n tickets changed; these refused the macro and are as they were:</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+18" />
        <source>Macro undone on %n ticket(s).</source>
        <translation><numerusform>Macro undone on %n ticket.</numerusform><numerusform>Macro undone on %n tickets.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n unsent reply or note was taken back.</source>
        <translation><numerusform>%n unsent reply or note was taken back.</numerusform><numerusform>%n unsent reply or note was taken back.</numerusform></translation>
    </message>
    </context>
<context>
    <name>ProblemEditor</name>
    <message numerus="yes">
        <source>{0} is resolved. %n linked incident(s) are still open.</source>
        <translation><numerusform>{0} is resolved. %n linked incident are still open.</numerusform><numerusform>{0} is resolved. %n linked incidents are still open.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{0}: %n changed.</source>
        <translation><numerusform>{0}: %n changed.</numerusform><numerusform>{0}: %n changed.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Undone: {0} (%n ticket(s)).</source>
        <translation><numerusform>Undone: {0} (%n ticket).</numerusform><numerusform>Undone: {0} (%n tickets).</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Workaround sent to %n incident(s).</source>
        <translation><numerusform>Workaround sent to %n incident.</numerusform><numerusform>Workaround sent to %n incidents.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Workaround withdrawn from %n incident(s).</source>
        <translation><numerusform>Workaround withdrawn from %n incident.</numerusform><numerusform>Workaround withdrawn from %n incidents.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>Resolve %n open linked incident(s) with the resolution of {0}?</source>
        <translation><numerusform>Resolve %n open linked incident with the resolution of {0}?</numerusform><numerusform>Resolve %n open linked incidents with the resolution of {0}?</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>{0} is resolved. %Ln linked incident(s) are still open.</source>
        <translation><numerusform>{0} is resolved. %Ln linked incident are still open.</numerusform><numerusform>{0} is resolved. %Ln linked incidents are still open.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>{0}: %Ln changed.</source>
        <translation><numerusform>{0}: %Ln changed.</numerusform><numerusform>{0}: %Ln changed.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="-58" />
        <source>Undone: {0} (%Ln ticket(s)).</source>
        <translation><numerusform>Undone: {0} (%Ln ticket).</numerusform><numerusform>Undone: {0} (%Ln tickets).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+19" />
        <source>Workaround sent to %Ln incident(s).</source>
        <translation><numerusform>Workaround sent to %Ln incident.</numerusform><numerusform>Workaround sent to %Ln incidents.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+14" />
        <source>Workaround withdrawn from %Ln incident(s).</source>
        <translation><numerusform>Workaround withdrawn from %Ln incident.</numerusform><numerusform>Workaround withdrawn from %Ln incidents.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>Resolve %Ln open linked incident(s) with the resolution of {0}?</source>
        <translation><numerusform>Resolve %Ln open linked incident with the resolution of {0}?</numerusform><numerusform>Resolve %Ln open linked incidents with the resolution of {0}?</numerusform></translation>
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
        <source>%n problem(s)</source>
        <translation><numerusform>%n problem</numerusform><numerusform>%n problems</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n known error(s)</source>
        <translation><numerusform>%n known error</numerusform><numerusform>%n known errors</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n major incident(s)</source>
        <translation><numerusform>%n major incident</numerusform><numerusform>%n major incidents</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+25" />
        <source>%Ln problem(s)</source>
        <translation><numerusform>%Ln problem</numerusform><numerusform>%Ln problems</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%Ln known error(s)</source>
        <translation><numerusform>%Ln known error</numerusform><numerusform>%Ln known errors</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%Ln major incident(s)</source>
        <translation><numerusform>%Ln major incident</numerusform><numerusform>%Ln major incidents</numerusform></translation>
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
        <location line="-8" />
        <source>Problem statement (title) for the %n selected incident(s):</source>
        <translation><numerusform>Problem statement (title) for the %n selected incident:</numerusform><numerusform>Problem statement (title) for the %n selected incidents:</numerusform></translation>
    </message>
    </context>
<context>
    <name>RelationMapPanel</name>
    <message numerus="yes">
        <location line="-134" />
        <source>%n CI(s) added to the map</source>
        <translation><numerusform>%n CI added to the map</numerusform><numerusform>%n CIs added to the map</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+17" />
        <source>%n CI(s)</source>
        <translation><numerusform>%n CI</numerusform><numerusform>%n CIs</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+0" />
        <source>%n relation(s)</source>
        <translation><numerusform>%n relation</numerusform><numerusform>%n relations</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n CI(s) in groups (double-click a group to open it)</source>
        <translation><numerusform>%n CI in groups (double-click a group to open it)</numerusform><numerusform>%n CIs in groups (double-click a group to open it)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n CI(s) hidden by the relation filter</source>
        <translation><numerusform>%n CI hidden by the relation filter</numerusform><numerusform>%n CIs hidden by the relation filter</numerusform></translation>
    </message>
    </context>
<context>
    <name>SidePanel</name>
    <message numerus="yes">
        <location line="+23" />
        <source>%Ln conflict(s)</source>
        <translation><numerusform>%Ln conflict</numerusform><numerusform>%Ln conflicts</numerusform></translation>
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
        <source>%n incident(s) linked.</source>
        <translation><numerusform>%n incident linked.</numerusform><numerusform>%n incidents linked.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>{0} created with %n incident(s).</source>
        <translation><numerusform>{0} created with %n incident.</numerusform><numerusform>{0} created with %n incidents.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>%Ln incident(s) linked.</source>
        <translation><numerusform>%Ln incident linked.</numerusform><numerusform>%Ln incidents linked.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>{0} created with %Ln incident(s).</source>
        <translation><numerusform>{0} created with %Ln incident.</numerusform><numerusform>{0} created with %Ln incidents.</numerusform></translation>
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
        <source>This public reply goes to %n open linked incident(s); their requesters get it by mail.</source>
        <translation><numerusform>This public reply goes to %n open linked incident; their requesters get it by mail.</numerusform><numerusform>This public reply goes to %n open linked incidents; their requesters get it by mail.</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>&amp;Send to %n incident(s)</source>
        <translation><numerusform>&amp;Send to %n incident</numerusform><numerusform>&amp;Send to %n incidents</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>This public reply goes to %Ln open linked incident(s); their requesters get it by mail.</source>
        <translation><numerusform>This public reply goes to %Ln open linked incident; their requesters get it by mail.</numerusform><numerusform>This public reply goes to %Ln open linked incidents; their requesters get it by mail.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>&amp;Send to %Ln incident(s)</source>
        <translation><numerusform>&amp;Send to %Ln incident</numerusform><numerusform>&amp;Send to %Ln incidents</numerusform></translation>
    </message>
    </context>
</TS>