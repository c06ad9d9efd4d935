<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>Actions</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="+85"/>
        <source>&amp;Undo {0}</source>
        <translation>&amp;Rückgängig: {0}</translation>
    </message>
    <message>
        <location line="+186"/>
        <source>&amp;New ticket…</source>
        <translation>&amp;Neues Ticket…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save ticket</source>
        <translation>Ticket &amp;speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close tab</source>
        <translation>Tab s&amp;chließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Se&amp;ttings…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA &amp;policies…</source>
        <translation>SLA-&amp;Richtlinien…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo last bulk action</source>
        <translation>Letzte Sammelaktion &amp;rückgängig machen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Find tickets…</source>
        <translation>Tickets &amp;suchen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Command palette…</source>
        <translation>&amp;Befehlspalette…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to &amp;queue</source>
        <translation>Zur &amp;Warteschlange</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save current &amp;view as…</source>
        <translation>Aktuelle &amp;Ansicht speichern unter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lear filters</source>
        <translation>Filter &amp;zurücksetzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open selected ticket</source>
        <translation>Ausgewähltes Ticket ö&amp;ffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Assign selected…</source>
        <translation>Auswahl &amp;zuweisen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change &amp;state of selected…</source>
        <translation>&amp;Status der Auswahl ändern…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set &amp;priority of selected…</source>
        <translation>&amp;Priorität der Auswahl setzen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Deskside</source>
        <translation>Ü&amp;ber Deskside</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Tickets</source>
        <translation>&amp;Tickets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
</context>
<context>
    <name>ApprovalsView</name>
    <message>
        <location filename="../../app/ui/changes/editor_tabs.py" line="+53"/>
        <source>Decided</source>
        <translation>Entschieden</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CAB member</source>
        <translation>CAB-Mitglied</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Decision</source>
        <translation>Entscheidung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Comment (required to reject)</source>
        <translation>Kommentar (Pflicht bei Ablehnung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record decision</source>
        <translation>Entscheidung erfassen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Your decision ({0}):</source>
        <translation>Ihre Entscheidung ({0}):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>you</source>
        <translation>Sie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Latest decision per CAB member: {0}</source>
        <translation>Letzte Entscheidung je CAB-Mitglied: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Standard changes are pre-approved; CAB decisions are optional.</source>
        <translation>Standardänderungen sind vorab genehmigt; CAB-Entscheidungen sind optional.</translation>
    </message>
</context>
<context>
    <name>ArrivalNotifier</name>
    <message>
        <location filename="../../app/ui/notifications/arrival_notifier.py" line="+92"/>
        <source>Deskside</source>
        <translation>Deskside</translation>
    </message>
    <message numerus="yes">
        <location line="+12"/>
        <source>%n new mail(s) on your tickets</source>
        <translation>
            <numerusform>%n neue Mail zu Ihren Tickets</numerusform>
            <numerusform>%n neue Mails zu Ihren Tickets</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n new ticket(s) in your groups</source>
        <translation>
            <numerusform>%n neues Ticket in Ihren Gruppen</numerusform>
            <numerusform>%n neue Tickets in Ihren Gruppen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The requester</source>
        <translation>Der Anfragende</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} wrote on {1}</source>
        <translation>{0} schrieb zu {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New ticket {0} in your group</source>
        <translation>Neues Ticket {0} in Ihrer Gruppe</translation>
    </message>
</context>
<context>
    <name>ArticleEditor</name>
    <message>
        <location filename="../../app/ui/knowledge/article_editor.py" line="+58"/>
        <source>What the reader&apos;s problem is, in their words</source>
        <translation>Das Problem des Lesers, in seinen eigenen Worten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Markdown: ## Issue, ## Cause, ## Resolution with numbered steps 1. 2. 3.</source>
        <translation>Markdown: ## Problem, ## Ursache, ## Lösung mit nummerierten Schritten 1. 2. 3.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write</source>
        <translation>Schreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Comma-separated: vpn, anyconnect, remote access</source>
        <translation>Durch Kommas getrennt: vpn, anyconnect, fernzugriff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(None)</source>
        <translation>(Keine)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(Nobody)</source>
        <translation>(Niemand)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review by</source>
        <translation>Überprüfen bis</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>What you changed (kept with the version)</source>
        <translation>Was Sie geändert haben (wird mit der Version gespeichert)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keywords</source>
        <translation>Schlüssel&amp;wörter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;ategory</source>
        <translation>K&amp;ategorie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;udience</source>
        <translation>&amp;Zielgruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Owner</source>
        <translation>&amp;Verantwortlicher</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>Überprüfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Configuration items</source>
        <translation>Konfigurationselemente</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>New article</source>
        <translation>Neuer Artikel</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Editing {0}</source>
        <translation>{0} bearbeiten</translation>
    </message>
</context>
<context>
    <name>ArticleTableModel</name>
    <message>
        <location filename="../../app/ui/knowledge/article_table_model.py" line="+24"/>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Confidence</source>
        <translation>Vertrauensgrad</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Uses</source>
        <translation>Genutzt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Review</source>
        <translation>Überprüfung</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>(not synced)</source>
        <translation>(nicht synchronisiert)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Last changed {0}</source>
        <translation>Zuletzt geändert {0}</translation>
    </message>
</context>
<context>
    <name>ArticleView</name>
    <message>
        <location filename="../../app/ui/knowledge/article_view.py" line="+36"/>
        <source>Mark not validated</source>
        <translation>Als nicht validiert markieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validate</source>
        <translation>Validieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archive</source>
        <translation>Archivieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to work in progress</source>
        <translation>Zurück zu „In Arbeit“</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flags dealt with</source>
        <translation>Meldungen erledigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The flags were looked at: the article no longer counts as flagged</source>
        <translation>Die Meldungen wurden geprüft: Der Artikel gilt nicht mehr als gemeldet</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Article</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Versions</source>
        <translation>Versionen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+70"/>
        <source>Flags</source>
        <translation>Meldungen</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>(not synced yet)</source>
        <translation>(noch nicht synchronisiert)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <location line="+3"/>
        <location line="+6"/>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Category: {0} · Audience: {1} · Owner: {2} · Review by: {3}</source>
        <translation>Kategorie: {0} · Zielgruppe: {1} · Verantwortlich: {2} · Überprüfen bis: {3}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>no date</source>
        <translation>kein Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Services: {0} · CIs: {1}</source>
        <translation>Dienste: {0} · CIs: {1}</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Version {0}, changed {1} · Solved %Ln ticket(s){2} · Keywords: {3}</source>
        <translation>
            <numerusform>Version {0}, geändert {1} · Hat %Ln Ticket gelöst{2} · Schlüsselwörter: {3}</numerusform>
            <numerusform>Version {0}, geändert {1} · Hat %Ln Tickets gelöst{2} · Schlüsselwörter: {3}</numerusform>
        </translation>
    </message>
    <message>
        <source>Version {0}, changed {1} · Solved {2} ticket(s){3} · Keywords: {4}</source>
        <translation type="vanished">Version {0}, geändert {1} · Hat {2} Ticket(s) gelöst{3} · Schlüsselwörter: {4}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, last {0}</source>
        <translation>, zuletzt {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The server refused your last change, which is kept here: {0}</source>
        <translation>Der Server hat Ihre letzte Änderung abgelehnt; sie bleibt hier erhalten: {0}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Needs review: {0}.</source>
        <translation>Überprüfung nötig: {0}.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Version {0} · {1} · {2}</source>
        <translation>Version {0} · {1} · {2}</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+12"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="-2"/>
        <source> on {0}</source>
        <translation> am {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}{1} by {2}, {3}: {4}</source>
        <translation>{0}{1} von {2}, {3}: {4}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Flags ({0})</source>
        <translation>Meldungen ({0})</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Version {0} is the first: nothing to compare.</source>
        <translation>Version {0} ist die erste: nichts zu vergleichen.</translation>
    </message>
</context>
<context>
    <name>AttachmentsView</name>
    <message>
        <location filename="../../app/ui/ticket/attachments_view.py" line="+61"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Added by</source>
        <translation>Hinzugefügt von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Added</source>
        <translation>Hinzugefügt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachments</source>
        <translation>Anhänge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add files…</source>
        <translation>Dateien &amp;hinzufügen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a&amp;s…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drop files on the ticket to attach them.</source>
        <translation>Dateien auf das Ticket ziehen, um sie anzuhängen.</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Attach files</source>
        <translation>Dateien anhängen</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{} was not attached: {}</source>
        <translation>{} wurde nicht angehängt: {}</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>No application is set up to open this kind of file.</source>
        <translation>Für diese Art von Datei ist keine Anwendung zum Öffnen eingerichtet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open attachment</source>
        <translation>Anhang öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} can run programs on this computer. Open it only if you trust where it came from.</source>
        <translation>{} kann Programme auf diesem Computer ausführen. Öffnen Sie die Datei nur, wenn Sie ihrer Herkunft vertrauen.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Save attachment as</source>
        <translation>Anhang speichern unter</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved {}</source>
        <translation>{} gespeichert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Downloading the file from the server…</source>
        <translation>Die Datei wird vom Server heruntergeladen…</translation>
    </message>
</context>
<context>
    <name>BulkDialog</name>
    <message numerus="yes">
        <location filename="../../app/ui/dialogs/bulk_dialog.py" line="+36"/>
        <source>Assign %n ticket(s)</source>
        <translation>
            <numerusform>%n Ticket zuweisen</numerusform>
            <numerusform>%n Tickets zuweisen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Change state of %n ticket(s)</source>
        <translation>
            <numerusform>Status von %n Ticket ändern</numerusform>
            <numerusform>Status von %n Tickets ändern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Set priority of %n ticket(s)</source>
        <translation>
            <numerusform>Priorität von %n Ticket setzen</numerusform>
            <numerusform>Priorität von %n Tickets setzen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Tickets that cannot take the change are skipped and listed. Edit ▸ Undo puts the whole batch back.</source>
        <translation>Tickets, für die die Änderung nicht möglich ist, werden übersprungen und aufgelistet. Bearbeiten ▸ Rückgängig stellt den ganzen Stapel wieder her.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>None of the selected tickets can change state from where it stands (closed and canceled tickets cannot move).</source>
        <translation>Keines der ausgewählten Tickets kann seinen Status von dort aus ändern, wo es steht (geschlossene und abgebrochene Tickets bleiben, wo sie sind).</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>{0}  (%n of {1})</source>
        <translation>
            <numerusform>{0}  (%n von {1})</numerusform>
            <numerusform>{0}  (%n von {1})</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Assignment group</source>
        <translation>Zuweisungsgruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(keep current group)</source>
        <translation>(aktuelle Gruppe beibehalten)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Assignee</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Group:</source>
        <translation>&amp;Gruppe:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Assignee:</source>
        <translation>&amp;Bearbeiter:</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(unassigned)</source>
        <translation>(nicht zugewiesen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} (me)</source>
        <translation>{0} (ich)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>New state</source>
        <translation>Neuer Status</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Resolution notes</source>
        <translation>Lösungsbeschreibung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;State:</source>
        <translation>&amp;Status:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On-hold &amp;reason:</source>
        <translation>&amp;Wartegrund:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution &amp;code:</source>
        <translation>Lösungs&amp;code:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution &amp;notes:</source>
        <translation>Lösungsbeschreib&amp;ung:</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Back to the impact × urgency matrix</source>
        <translation>Zurück zur Matrix aus Auswirkung × Dringlichkeit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Priority:</source>
        <translation>&amp;Priorität:</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Write resolution notes to resolve the tickets.</source>
        <translation>Schreiben Sie eine Lösungsbeschreibung, um die Tickets zu lösen.</translation>
    </message>
</context>
<context>
    <name>BulkEditController</name>
    <message numerus="yes">
        <location filename="../../app/ui/queue/bulk_edit.py" line="+63"/>
        <source>{0}: %n changed, {1} skipped. Ctrl+Z undoes.</source>
        <translation>
            <numerusform>{0}: %n geändert, {1} übersprungen. Strg+Z macht es rückgängig.</numerusform>
            <numerusform>{0}: %n geändert, {1} übersprungen. Strg+Z macht es rückgängig.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+32"/>
        <source>Undone: {0} (%n ticket(s)).</source>
        <translation>
            <numerusform>Rückgängig gemacht: {0} (%n Ticket).</numerusform>
            <numerusform>Rückgängig gemacht: {0} (%n Tickets).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <source>… and {0} more</source>
        <translation>… und {0} weitere</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n ticket(s) left unchanged:</source>
        <translation>
            <numerusform>%n Ticket blieb unverändert:</numerusform>
            <numerusform>%n Tickets blieben unverändert:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n ticket(s) changed.</source>
        <translation>
            <numerusform>%n Ticket geändert.</numerusform>
            <numerusform>%n Tickets geändert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Some tickets were skipped</source>
        <translation>Einige Tickets wurden übersprungen</translation>
    </message>
</context>
<context>
    <name>CalendarCanvas</name>
    <message>
        <location filename="../../app/ui/calendar/canvas.py" line="+367"/>
        <source>Freeze: cannot drop here</source>
        <translation>Änderungssperre: hier nicht ablegbar</translation>
    </message>
    <message>
        <source>{0} conflict(s)</source>
        <translation type="vanished">{0} Konflikt(e)</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln conflict(s)</source>
        <translation>
            <numerusform>%Ln Konflikt</numerusform>
            <numerusform>%Ln Konflikte</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>… and {0} more</source>
        <translation>… und {0} weitere</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No conflicts</source>
        <translation>Keine Konflikte</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>{0} risk, {1}, {2}</source>
        <translation>Risiko {0}, {1}, {2}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CIs: {0}</source>
        <translation>CIs: {0}</translation>
    </message>
</context>
<context>
    <name>CalendarEditing</name>
    <message>
        <location filename="../../app/ui/calendar/editing.py" line="+102"/>
        <source>Move {0}</source>
        <translation>{0} verschieben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} cannot move to {1}: that is inside a freeze.</source>
        <translation>{0} kann nicht auf {1} verschoben werden: Das liegt in einer Änderungssperre.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Moving {0} to {1} creates %Ln conflict(s). Move it anyway?</source>
        <translation>
            <numerusform>Wird {0} auf {1} verschoben, entsteht %Ln Konflikt. Trotzdem verschieben?</numerusform>
            <numerusform>Wird {0} auf {1} verschoben, entstehen %Ln Konflikte. Trotzdem verschieben?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{0} moved; Ctrl+Z undoes it.</source>
        <translation>{0} verschoben; Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>{0} is unscheduled again.</source>
        <translation>{0} ist wieder ungeplant.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} moved back.</source>
        <translation>{0} zurückverschoben.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Changed elsewhere</source>
        <translation>Anderswo geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} was changed since the calendar loaded it, so it was not moved. The calendar has been reloaded; try again.</source>
        <translation>{0} wurde geändert, seit der Kalender es geladen hat, daher wurde es nicht verschoben. Der Kalender wurde neu geladen; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not moved</source>
        <translation>Nicht verschoben</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{0} planned; Ctrl+Z undoes it.</source>
        <translation>{0} geplant; Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nothing to undo in the calendar.</source>
        <translation>Im Kalender gibt es nichts rückgängig zu machen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The last move is still being saved; undo it in a moment.</source>
        <translation>Die letzte Verschiebung wird noch gespeichert; machen Sie sie gleich rückgängig.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Export calendar</source>
        <translation>Kalender exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>iCalendar (*.ics)</source>
        <translation>iCalendar (*.ics)</translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>Exported %Ln change(s)</source>
        <translation>
            <numerusform>%Ln Änderung</numerusform>
            <numerusform>%Ln Änderungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>and %Ln window(s) to {0}.</source>
        <translation>
            <numerusform>und %Ln Fenster nach {0} exportiert.</numerusform>
            <numerusform>und %Ln Fenster nach {0} exportiert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The calendar could not be saved to {0}: {1}</source>
        <translation>Der Kalender konnte nicht unter {0} gespeichert werden: {1}</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <location filename="../../app/ui/calendar/calendar_page.py" line="+223"/>
        <source>The calendar could not load: {0}</source>
        <translation>Der Kalender konnte nicht geladen werden: {0}</translation>
    </message>
</context>
<context>
    <name>CalendarToolbar</name>
    <message>
        <location filename="../../app/ui/calendar/toolbar.py" line="+40"/>
        <source>Month</source>
        <translation>Monat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Week</source>
        <translation>Woche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Day</source>
        <translation>Tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Go to today (T or Home)</source>
        <translation>Zu heute springen (T oder Pos1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Previous (Left or Page Up)</source>
        <translation>Zurück (Links oder Bild auf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next (Right or Page Down)</source>
        <translation>Weiter (Rechts oder Bild ab)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Zoom out (- or Ctrl+wheel)</source>
        <translation>Verkleinern (- oder Strg+Mausrad)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in (+ or Ctrl+wheel)</source>
        <translation>Vergrößern (+ oder Strg+Mausrad)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Lanes:</source>
        <translation>Zeilen:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Configuration item</source>
        <translation>Konfigurationselement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+68"/>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show all</source>
        <translation>Alle anzeigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Filter by number, title, CI, person</source>
        <translation>Nach Nummer, Titel, CI, Person filtern</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export .ics…</source>
        <translation>Als .ics exportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the changes and windows shown as an iCalendar file</source>
        <translation>Die angezeigten Änderungen und Fenster als iCalendar-Datei speichern</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Filter ({0})</source>
        <translation>Filter ({0})</translation>
    </message>
</context>
<context>
    <name>CallerAssets</name>
    <message>
        <location filename="../../app/ui/widgets/caller_assets.py" line="+36"/>
        <source>The caller&apos;s assets</source>
        <translation>Geräte des Anrufers</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Assets ({0}), click one to open it:</source>
        <translation>Geräte ({0}), zum Öffnen anklicken:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(the first {0} shown; the CMDB lists all)</source>
        <translation>(die ersten {0} angezeigt; die CMDB listet alle)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}  ·  {1}  ·  {2}</source>
        <translation>{0}  ·  {1}  ·  {2}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open {0} in the CMDB</source>
        <translation>{0} in der CMDB öffnen</translation>
    </message>
</context>
<context>
    <name>CallerField</name>
    <message>
        <location filename="../../app/ui/widgets/caller_field.py" line="+51"/>
        <source>Type a name, e-mail, phone or department</source>
        <translation>Name, E-Mail, Telefon oder Abteilung eingeben</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New caller…</source>
        <translation>Neuer Anrufer…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add a caller who is not in the directory yet</source>
        <translation>Einen Anrufer hinzufügen, der noch nicht im Verzeichnis steht</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Matching callers</source>
        <translation>Passende Anrufer</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Caller details</source>
        <translation>Angaben zum Anrufer</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>No caller matches. New caller… adds one.</source>
        <translation>Kein Anrufer passt. Mit „Neuer Anrufer…“ fügen Sie einen hinzu.</translation>
    </message>
    <message>
        <location line="+106"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No contact details.</source>
        <translation>Keine Kontaktdaten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open tickets ({0}):</source>
        <translation>Offene Tickets ({0}):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No open tickets.</source>
        <translation>Keine offenen Tickets.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Recently closed:</source>
        <translation>Kürzlich geschlossen:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>(draft)</source>
        <translation>(Entwurf)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}  {1}  ({2})</source>
        <translation>{0}  {1}  ({2})</translation>
    </message>
</context>
<context>
    <name>CategoriesSection</name>
    <message>
        <location filename="../../app/ui/reference/categories_section.py" line="+21"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Path</source>
        <translation>Pfad</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New category</source>
        <translation>Neue &amp;Kategorie</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} (retired)</source>
        <translation>{0} (stillgelegt)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(Top level)</source>
        <translation>(Oberste Ebene)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Under</source>
        <translation>&amp;Unter</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{0} tickets are filed here. A category is retired, never deleted: its tickets keep it and new tickets no longer offer it.</source>
        <translation>{0} Tickets sind hier eingeordnet. Eine Kategorie wird stillgelegt, nie gelöscht: ihre Tickets behalten sie, neue Tickets bieten sie nicht mehr an.</translation>
    </message>
</context>
<context>
    <name>ChangeEditor</name>
    <message>
        <location filename="../../app/ui/changes/editor.py" line="+81"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>This change was changed elsewhere. Reload to see the changes; your unsaved edits are kept until then.</source>
        <translation>Diese Änderung wurde an anderer Stelle geändert. Laden Sie sie neu, um die Änderungen zu sehen; Ihre ungespeicherten Eingaben bleiben bis dahin erhalten.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the changes to {0}?</source>
        <translation>Änderungen an {0} speichern?</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>The change could not be loaded: {0}</source>
        <translation>Die Änderung konnte nicht geladen werden: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Conflicts ({0})</source>
        <translation>Konflikte ({0})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>{0} saved.</source>
        <translation>{0} gespeichert.</translation>
    </message>
    <message>
        <location line="-130"/>
        <location line="+140"/>
        <source>Reload (drops your edits)</source>
        <translation>Neu laden (verwirft Ihre Eingaben)</translation>
    </message>
</context>
<context>
    <name>ChangeFilterBar</name>
    <message>
        <location filename="../../app/ui/changes/filter_bar.py" line="+22"/>
        <source>Open changes</source>
        <translation>Offene Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All changes</source>
        <translation>Alle Änderungen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All types</source>
        <translation>Alle Typen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Any risk</source>
        <translation>Jedes Risiko</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Assigned to me</source>
        <translation>Mir zugewiesen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Search number, title or CI</source>
        <translation>Nummer, Titel oder CI suchen</translation>
    </message>
</context>
<context>
    <name>ChangeForm</name>
    <message>
        <location filename="../../app/ui/changes/editor_form.py" line="+49"/>
        <source>(No group)</source>
        <translation>(Keine Gruppe)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(Unassigned)</source>
        <translation>(Nicht zugewiesen)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>times in your time zone</source>
        <translation>Zeiten in Ihrer Zeitzone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Description</source>
        <translation>&amp;Beschreibung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Group</source>
        <translation>&amp;Gruppe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Assignee</source>
        <translation>Be&amp;arbeiter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned &amp;start</source>
        <translation>Geplanter Beg&amp;inn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned &amp;end</source>
        <translation>Geplantes &amp;Ende</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual start</source>
        <translation>Tatsächlicher Beginn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual end</source>
        <translation>Tatsächliches Ende</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Affected &amp;CIs</source>
        <translation>Betroffene &amp;CIs</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Use the calculated risk</source>
        <translation>Berechnetes Risiko verwenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set to {0}</source>
        <translation>Auf {0} setzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Why the calculated risk does not fit (required to override)</source>
        <translation>Warum das berechnete Risiko nicht passt (Pflicht zum Überschreiben)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applies</source>
        <translation>Gilt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calculated</source>
        <translation>Berechnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Override</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(someone outside the group)</source>
        <translation>(jemand außerhalb der Gruppe)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{0} (set by hand; calculated: {1})</source>
        <translation>{0} (von Hand gesetzt; berechnet: {1})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0}, score {1}:</source>
        <translation>{0}, Punktzahl {1}:</translation>
    </message>
</context>
<context>
    <name>ChangeImpactView</name>
    <message>
        <location filename="../../app/ui/changes/impact_tab.py" line="+43"/>
        <source>This change names no CIs: add the CIs it touches to see its impact.</source>
        <translation>Diese Änderung nennt keine CIs: Fügen Sie die betroffenen CIs hinzu, um ihre Auswirkung zu sehen.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Working out what this change touches…</source>
        <translation>Ermittle, was diese Änderung betrifft…</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Its CIs reach %Ln CI(s)</source>
        <translation>
            <numerusform>Ihre CIs erreichen %Ln CI</numerusform>
            <numerusform>Ihre CIs erreichen %Ln CIs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln business service(s)</source>
        <translation>
            <numerusform>%Ln Geschäftsdienst</numerusform>
            <numerusform>%Ln Geschäftsdienste</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln open incident(s) sit on them.</source>
        <translation>
            <numerusform>%Ln offene Störung liegt darauf.</numerusform>
            <numerusform>%Ln offene Störungen liegen darauf.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln ticket(s) fall due inside the change window;</source>
        <translation>
            <numerusform>%Ln Ticket wird im Änderungsfenster fällig;</numerusform>
            <numerusform>%Ln Tickets werden im Änderungsfenster fällig;</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln other change(s) overlap it on the same services or CIs.</source>
        <translation>
            <numerusform>%Ln weitere Änderung überschneidet sich mit ihr auf denselben Diensten oder CIs.</numerusform>
            <numerusform>%Ln weitere Änderungen überschneiden sich mit ihr auf denselben Diensten oder CIs.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Plan a start and an end to see the tickets due and the changes in that window.</source>
        <translation>Planen Sie Beginn und Ende, um die fälligen Tickets und die Änderungen in diesem Zeitfenster zu sehen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Affected business services</source>
        <translation>Betroffene Geschäftsdienste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No business service depends on these CIs.</source>
        <translation>Kein Geschäftsdienst hängt von diesen CIs ab.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open incidents on those CIs</source>
        <translation>Offene Störungen auf diesen CIs</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <location line="+3"/>
        <location line="+1"/>
        <source>None.</source>
        <translation>Keine.</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>SLA due inside the change window</source>
        <translation>SLA fällig im Änderungsfenster</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Conflicting changes</source>
        <translation>Kollidierende Änderungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CIs reached</source>
        <translation>Erreichte CIs</translation>
    </message>
</context>
<context>
    <name>Changes</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="-290"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assess</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authorize</source>
        <translation>Genehmigung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Implement</source>
        <translation>Umsetzung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>Überprüfung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emergency</source>
        <translation>Notfall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Moderate</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Successful</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Backed out</source>
        <translation>Zurückgesetzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>Genehmigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caused by</source>
        <translation>Verursacht durch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fixes</source>
        <translation>Behebt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Related to</source>
        <translation>Verwandt mit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned start</source>
        <translation>Geplanter Beginn</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Planned end</source>
        <translation>Geplantes Ende</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CIs</source>
        <translation>CIs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Risk set by hand (overrides the calculated risk)</source>
        <translation>Risiko von Hand gesetzt (überschreibt das berechnete Risiko)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking for conflicts…</source>
        <translation>Prüfe auf Konflikte…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} conflicts at the planned times</source>
        <translation>{0} Konflikte zu den geplanten Zeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inside a blocking freeze</source>
        <translation>In einer blockierenden Änderungssperre</translation>
    </message>
</context>
<context>
    <name>ChangesPage</name>
    <message>
        <location filename="../../app/ui/changes/changes_page.py" line="+76"/>
        <source>New change…</source>
        <translation>Neue Änderung…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Windows &amp;&amp; holidays…</source>
        <translation>Fenster &amp;&amp; Feiertage…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No changes match these filters.</source>
        <translation>Keine Änderungen passen zu diesen Filtern.</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>{0} changes</source>
        <translation>{0} Änderungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} scheduled</source>
        <translation>{0} geplant</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>checking conflicts…</source>
        <translation>prüfe Konflikte…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} with conflicts</source>
        <translation>{0} mit Konflikten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>first {0} shown</source>
        <translation>erste {0} angezeigt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The changes could not be loaded: {0}</source>
        <translation>Die Änderungen konnten nicht geladen werden: {0}</translation>
    </message>
</context>
<context>
    <name>ChartCard</name>
    <message>
        <location filename="../../app/ui/dashboard/card.py" line="+47"/>
        <source>Click to open the tickets behind this figure</source>
        <translation>Klicken, um die Tickets hinter dieser Zahl zu öffnen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Formula</source>
        <translation>Formel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Chart actions</source>
        <translation>Diagrammaktionen</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Open these tickets in the queue</source>
        <translation>Diese Tickets in der Warteschlange öffnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export image (PNG)…</source>
        <translation>Bild exportieren (PNG)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export vector image (SVG)…</source>
        <translation>Vektorgrafik exportieren (SVG)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export data (CSV)…</source>
        <translation>Daten exportieren (CSV)…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{0} · top {1} of {2} shown</source>
        <translation>{0} · die obersten {1} von {2} angezeigt</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>{0} chart</source>
        <translation>Diagramm {0}</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Export chart image</source>
        <translation>Diagramm als Bild exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PNG images (*.png)</source>
        <translation>PNG-Bilder (*.png)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export chart as SVG</source>
        <translation>Diagramm als SVG exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG images (*.svg)</source>
        <translation>SVG-Bilder (*.svg)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export chart data</source>
        <translation>Diagrammdaten exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Export failed</source>
        <translation>Export fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file could not be written: {0}</source>
        <translation>Die Datei konnte nicht geschrieben werden: {0}</translation>
    </message>
</context>
<context>
    <name>ChartPlot</name>
    <message>
        <location filename="../../app/ui/dashboard/plots.py" line="-4"/>
        <source>%Ln change(s)</source>
        <translation>Änderungen: %Ln</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%Ln ticket(s)</source>
        <translation>Tickets: %Ln</translation>
    </message>
    <message>
        <location line="+186"/>
        <source>No data for this period and filter</source>
        <translation>Keine Daten für diesen Zeitraum und Filter</translation>
    </message>
    <message>
        <source>{0:,} tickets</source>
        <translation type="obsolete">{0:,} Tickets</translation>
    </message>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="+25"/>
        <source>Click to open these tickets in the queue</source>
        <translation>Klicken, um diese Tickets in der Warteschlange zu öffnen</translation>
    </message>
</context>
<context>
    <name>CiDetailPane</name>
    <message>
        <location filename="../../app/ui/cmdb/ci_detail_pane.py" line="+65"/>
        <source>&amp;Edit…</source>
        <translation>&amp;Bearbeiten…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;tire…</source>
        <translation>S&amp;tilllegen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the CI retired: it stays on record with its history</source>
        <translation>Das CI als stillgelegt markieren: es bleibt mit seiner Historie erhalten</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relation</source>
        <translation>Beziehung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CI</source>
        <translation>CI</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+119"/>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location line="-118"/>
        <location line="+119"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="-119"/>
        <source>Open incidents</source>
        <translation>Offene Störungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Add relation…</source>
        <translation>Beziehung &amp;hinzufügen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Remove relation</source>
        <translation>Beziehung &amp;entfernen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Double-click a relation to open the CI at its other end.</source>
        <translation>Doppelklick auf eine Beziehung öffnet das CI an ihrem anderen Ende.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>&amp;Relations ({0})</source>
        <translation>Beziehun&amp;gen ({0})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Relations</source>
        <translation>Beziehun&amp;gen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>T&amp;imeline ({0} open)</source>
        <translation>&amp;Zeitleiste ({0} offen)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>T&amp;imeline</source>
        <translation>&amp;Zeitleiste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attri&amp;butes</source>
        <translation>&amp;Attribute</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Im&amp;pact</source>
        <translation>Aus&amp;wirkung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Map</source>
        <translation>&amp;Karte</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>No CI selected</source>
        <translation>Kein CI ausgewählt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a CI in the list, or add one with New CI.</source>
        <translation>Wählen Sie ein CI in der Liste oder legen Sie eines mit „Neues CI“ an.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>criticality {0}</source>
        <translation>Kritikalität {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>service {0}</source>
        <translation>Dienst {0}</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n open incident(s)</source>
        <translation>
            <numerusform>%n offene Störung</numerusform>
            <numerusform>%n offene Störungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Criticality</source>
        <translation>Kritikalität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Business service</source>
        <translation>Geschäftsdienst</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Support group</source>
        <translation>Supportgruppe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Owner</source>
        <translation>Verantwortlicher</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Serial number</source>
        <translation>Seriennummer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Asset tag</source>
        <translation>Inventarnummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last changed</source>
        <translation>Zuletzt geändert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Criticality {0}</source>
        <translation>Kritikalität {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Incident</source>
        <translation>Störung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Request</source>
        <translation>Anfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No incidents, problems or changes on this CI yet.</source>
        <translation>Noch keine Störungen, Probleme oder Änderungen zu diesem CI.</translation>
    </message>
</context>
<context>
    <name>CiDialog</name>
    <message>
        <location filename="../../app/ui/cmdb/ci_dialogs.py" line="+53"/>
        <source>Edit {0}</source>
        <translation>{0} bearbeiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New CI</source>
        <translation>Neues CI</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+35"/>
        <source>Se&amp;rial number</source>
        <translation>Se&amp;riennummer</translation>
    </message>
    <message>
        <location line="-34"/>
        <location line="+35"/>
        <source>Asset &amp;tag</source>
        <translation>&amp;Inventarnummer</translation>
    </message>
    <message>
        <location line="-35"/>
        <location line="+34"/>
        <source>&amp;Site</source>
        <translation>&amp;Standort</translation>
    </message>
    <message>
        <location line="-19"/>
        <location line="+2"/>
        <location line="+2"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Class</source>
        <translation>&amp;Klasse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>St&amp;atus</source>
        <translation>St&amp;atus</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Criticalit&amp;y</source>
        <translation>Kritikalitä&amp;t</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Business ser&amp;vice</source>
        <translation>Geschäfts&amp;dienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support &amp;group</source>
        <translation>Support&amp;gruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Owner</source>
        <translation>&amp;Verantwortlicher</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Description</source>
        <translation>&amp;Beschreibung</translation>
    </message>
    <message>
        <location line="+29"/>
        <location line="+1"/>
        <location line="+1"/>
        <source>(not in this desk)</source>
        <translation>(nicht in diesem Desk)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{0} attributes</source>
        <translation>Attribute: {0}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>YYYY-MM-DD</source>
        <translation>JJJJ-MM-TT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a number</source>
        <translation>eine Zahl</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>A CI needs a name.</source>
        <translation>Ein CI braucht einen Namen.</translation>
    </message>
</context>
<context>
    <name>CiFilterBar</name>
    <message>
        <location filename="../../app/ui/cmdb/filter_bar.py" line="+24"/>
        <source>Search name, serial number or asset tag</source>
        <translation>Name, Seriennummer oder Inventarnummer suchen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>All classes</source>
        <translation>Alle Klassen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
</context>
<context>
    <name>CiImpactView</name>
    <message>
        <location filename="../../app/ui/cmdb/impact_view.py" line="+32"/>
        <source>Working out what an outage would touch…</source>
        <translation>Ermittle, was ein Ausfall betreffen würde…</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>An outage here reaches %n other CI(s)</source>
        <translation>
            <numerusform>Ein Ausfall hier erreicht %n weiteres CI</numerusform>
            <numerusform>Ein Ausfall hier erreicht %n weitere CIs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n business service(s)</source>
        <translation>
            <numerusform>%n Geschäftsdienst</numerusform>
            <numerusform>%n Geschäftsdienste</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n user(s).</source>
        <translation>
            <numerusform>%n Benutzer.</numerusform>
            <numerusform>%n Benutzer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>In that blast radius: %n open incident(s)</source>
        <translation>
            <numerusform>In diesem Wirkungsbereich: %n offene Störung</numerusform>
            <numerusform>In diesem Wirkungsbereich: %n offene Störungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n open change(s).</source>
        <translation>
            <numerusform>%n offene Änderung.</numerusform>
            <numerusform>%n offene Änderungen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The walk stopped at its limit: there is more beyond.</source>
        <translation>Die Suche hat ihre Grenze erreicht: Dahinter liegt noch mehr.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Business services</source>
        <translation>Geschäftsdienste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No business service depends on this CI.</source>
        <translation>Kein Geschäftsdienst hängt von diesem CI ab.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open incidents</source>
        <translation>Offene Störungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open incident in the blast radius.</source>
        <translation>Keine offene Störung im Wirkungsbereich.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open changes</source>
        <translation>Offene Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open change in the blast radius.</source>
        <translation>Keine offene Änderung im Wirkungsbereich.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CIs reached</source>
        <translation>Erreichte CIs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing depends on this CI.</source>
        <translation>Nichts hängt von diesem CI ab.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Users of those services</source>
        <translation>Benutzer dieser Dienste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No known users.</source>
        <translation>Keine bekannten Benutzer.</translation>
    </message>
</context>
<context>
    <name>CiImportDialog</name>
    <message numerus="yes">
        <location filename="../../app/ui/cmdb/csv_dialog.py" line="+43"/>
        <source>%n relation(s) to add.</source>
        <translation>
            <numerusform>%n Beziehung wird hinzugefügt.</numerusform>
            <numerusform>%n Beziehungen werden hinzugefügt.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="-24"/>
        <source>Import CIs</source>
        <translation>CIs importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}: {1} CIs read as {2}.</source>
        <translation>{0}: {1} CIs als {2} gelesen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} new CIs, {1} already here (matched by name) updated.</source>
        <translation>{0} neue CIs, {1} bereits vorhandene (nach Name zugeordnet) aktualisiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import {0} CIs</source>
        <translation>{0} CIs &amp;importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} CIs added, {1} updated, {2} unchanged</source>
        <translation>{0} CIs hinzugefügt, {1} aktualisiert, {2} unverändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Criticality</source>
        <translation>Kritikalität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
</context>
<context>
    <name>CiIncidentHint</name>
    <message>
        <location filename="../../app/ui/widgets/ci_incident_hint.py" line="+46"/>
        <source>Show impact</source>
        <translation>Auswirkung anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What an outage of this CI touches, on the CMDB page</source>
        <translation>Was ein Ausfall dieses CIs betrifft, auf der CMDB-Seite</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Looking for other open incidents on this CI…</source>
        <translation>Weitere offene Störungen zu diesem CI werden gesucht…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>({0}, on {1})</source>
        <translation>({0}, auf {1})</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Possible major incident: %n other open incident(s) on this CI or what depends on it.</source>
        <translation>
            <numerusform>Mögliche Großstörung: %n weitere offene Störung auf diesem CI oder auf dem, was davon abhängt.</numerusform>
            <numerusform>Mögliche Großstörung: %n weitere offene Störungen auf diesem CI oder auf dem, was davon abhängt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source> and {0} more</source>
        <translation> und {0} weitere</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Possible major incident: %n other open incident(s)</source>
        <translation>
            <numerusform>Mögliche Großstörung: %n weitere offene Störung</numerusform>
            <numerusform>Mögliche Großstörung: %n weitere offene Störungen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CiPicker</name>
    <message>
        <location filename="../../app/ui/changes/inputs.py" line="+83"/>
        <source>Add a CI by name…</source>
        <translation>CI nach Name hinzufügen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location filename="../../app/ui/cmdb/ci_picker.py" line="+38"/>
        <source>Type a CI&apos;s name, serial or asset tag</source>
        <translation>Name, Seriennummer oder Inventarnummer eines CIs eingeben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Matching CIs</source>
        <translation>Passende CIs</translation>
    </message>
    <message numerus="yes">
        <location line="+44"/>
        <source>%n CI(s) shown; type more to narrow them</source>
        <translation>
            <numerusform>%n CI angezeigt; weitertippen zum Eingrenzen</numerusform>
            <numerusform>%n CIs angezeigt; weitertippen zum Eingrenzen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No CI matches.</source>
        <translation>Kein CI passt.</translation>
    </message>
</context>
<context>
    <name>CiRowMenu</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="+10"/>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retire…</source>
        <translation>Stilllegen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the record</source>
        <translation>Datensatz öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show impact</source>
        <translation>Auswirkung anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show on the relation map</source>
        <translation>In der Beziehungskarte zeigen</translation>
    </message>
</context>
<context>
    <name>CiSetEditor</name>
    <message>
        <location filename="../../app/ui/problems/ci_set_editor.py" line="+41"/>
        <source>Type a CI name to add it</source>
        <translation>CI-Namen eingeben, um es hinzuzufügen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
</context>
<context>
    <name>CiTableModel</name>
    <message>
        <location filename="../../app/ui/cmdb/ci_table_model.py" line="+137"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Criticality</source>
        <translation>Kritikalität</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Support group</source>
        <translation>Supportgruppe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open incidents</source>
        <translation>Offene Störungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This column does not sort</source>
        <translation>Nach dieser Spalte wird nicht sortiert</translation>
    </message>
</context>
<context>
    <name>ClassDialog</name>
    <message>
        <location filename="../../app/ui/cmdb/class_dialog.py" line="+48"/>
        <source>CI classes</source>
        <translation>CI-Klassen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Class</source>
        <translation>Klasse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key</source>
        <translation>Schlüssel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CIs</source>
        <translation>CIs</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Attributes</source>
        <translation>Attribute</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Built-in classes come with Deskside and cannot be changed; the desk&apos;s own are in bold: choose one to change it.</source>
        <translation>Mitgelieferte Klassen kommen mit Deskside und sind nicht änderbar; die eigenen des Desks sind fett: Wählen Sie eine aus, um sie zu ändern.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>e.g. Load balancer</source>
        <translation>z. B. Load Balancer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Attribute</source>
        <translation>Attribut</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Add &amp;attribute</source>
        <translation>&amp;Attribut hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Remove attribute</source>
        <translation>Attribut &amp;entfernen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New class</source>
        <translation>&amp;Neue Klasse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear the form to add a class</source>
        <translation>Formular leeren, um eine Klasse hinzuzufügen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Label</source>
        <translation>&amp;Bezeichnung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Key</source>
        <translation>&amp;Schlüssel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Description</source>
        <translation>Besch&amp;reibung</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+33"/>
        <source>New class</source>
        <translation>Neue Klasse</translation>
    </message>
    <message>
        <location line="-25"/>
        <location line="+26"/>
        <source>Add &amp;class</source>
        <translation>&amp;Klasse hinzufügen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Built-in class {0}</source>
        <translation>Mitgelieferte Klasse {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} comes with Deskside and cannot be changed. To describe CIs differently, add a class of your own.</source>
        <translation>{0} kommt mit Deskside und ist nicht änderbar. Um CIs anders zu beschreiben, fügen Sie eine eigene Klasse hinzu.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Class {0}</source>
        <translation>Klasse {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;class</source>
        <translation>&amp;Klasse speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changing an attribute&apos;s kind or removing it leaves the values CIs already hold as they are.</source>
        <translation>Ändern Sie die Art eines Attributs oder entfernen Sie es, bleiben die Werte, die CIs bereits haben, unverändert.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Date (YYYY-MM-DD)</source>
        <translation>Datum (JJJJ-MM-TT)</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>A class needs a label.</source>
        <translation>Eine Klasse braucht eine Bezeichnung.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>There is a class with the key {0} already.</source>
        <translation>Es gibt bereits eine Klasse mit dem Schlüssel {0}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Class {0} added</source>
        <translation>Klasse {0} hinzugefügt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Class {0} saved</source>
        <translation>Klasse {0} gespeichert</translation>
    </message>
</context>
<context>
    <name>CloseDialog</name>
    <message>
        <location filename="../../app/ui/changes/editor_ui.py" line="+155"/>
        <source>Close {0}</source>
        <translation>{0} schließen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(Choose the outcome…)</source>
        <translation>(Ergebnis wählen…)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>What happened; for a failed change, what was learnt (required)</source>
        <translation>Was geschah; bei einer fehlgeschlagenen Änderung, was daraus gelernt wurde (Pflicht)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Closure notes</source>
        <translation>Abschlussnotizen</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Close change</source>
        <translation>Änderung schließen</translation>
    </message>
</context>
<context>
    <name>CmdbPage</name>
    <message>
        <location filename="../../app/ui/cmdb/cmdb_page.py" line="+76"/>
        <source>&amp;New CI…</source>
        <translation>&amp;Neues CI…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>C&amp;lasses…</source>
        <translation>K&amp;lassen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The CI classes and their attributes; add a class of your own</source>
        <translation>Die CI-Klassen und ihre Attribute; eine eigene Klasse hinzufügen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>&amp;Import CSV…</source>
        <translation>CSV &amp;importieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add and update CIs (and their relations) from a CSV file, after a preview</source>
        <translation>CIs (und ihre Beziehungen) aus einer CSV-Datei hinzufügen und aktualisieren, nach einer Vorschau</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>E&amp;xport CSV…</source>
        <translation>CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the CIs the filters select as a CSV file</source>
        <translation>Die von den Filtern ausgewählten CIs als CSV-Datei speichern</translation>
    </message>
    <message numerus="yes">
        <location line="+58"/>
        <source>%n CI(s)</source>
        <translation>
            <numerusform>%n CI</numerusform>
            <numerusform>%n CIs</numerusform>
        </translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Import CIs</source>
        <translation>CIs importieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv *.txt)</source>
        <translation>CSV (*.csv *.txt)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Export CIs</source>
        <translation>CIs exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>%n CI(s) exported to {0}</source>
        <translation>
            <numerusform>%n CI nach {0} exportiert</numerusform>
            <numerusform>%n CIs nach {0} exportiert</numerusform>
        </translation>
    </message>
    <message>
        <location line="+19"/>
        <source>There is no CI named {0}.</source>
        <translation>Es gibt kein CI namens {0}.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>This CI is no longer in this desk&apos;s data.</source>
        <translation>Dieses CI ist nicht mehr in den Daten dieses Desks.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{0} saved</source>
        <translation>{0} gespeichert</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Retire CI</source>
        <translation>CI stilllegen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retire {0}? It stays on record, with its relations and history, and no longer counts as in service.</source>
        <translation>{0} stilllegen? Es bleibt mit seinen Beziehungen und seiner Historie erhalten und gilt nicht mehr als in Betrieb.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Relation added</source>
        <translation>Beziehung hinzugefügt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove relation</source>
        <translation>Beziehung entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the relation “{0} {1} {2}”?</source>
        <translation>Die Beziehung „{0} {1} {2}“ entfernen?</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Relation removed</source>
        <translation>Beziehung entfernt</translation>
    </message>
</context>
<context>
    <name>ColumnsEditor</name>
    <message>
        <location filename="../../app/ui/dialogs/columns_editor.py" line="+38"/>
        <source>Queue columns</source>
        <translation>Spalten der Warteschlange</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move &amp;up</source>
        <translation>Nach &amp;oben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move &amp;down</source>
        <translation>Nach &amp;unten</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../../app/ui/dialogs/command_palette.py" line="+72"/>
        <source>Command palette</source>
        <translation>Befehlspalette</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Type a command or a ticket number…</source>
        <translation>Befehl oder Ticketnummer eingeben…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Commands</source>
        <translation>Befehle</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open ticket {0}</source>
        <translation>Ticket {0} öffnen</translation>
    </message>
</context>
<context>
    <name>CommsLogView</name>
    <message>
        <location filename="../../app/ui/problems/incident_lists.py" line="+124"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Update</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status update for stakeholders (who is affected, what is done, next update at…)</source>
        <translation>Statusmeldung für Beteiligte (wer betroffen ist, was getan wird, nächste Meldung um…)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Add to log</source>
        <translation>Zum Protokoll &amp;hinzufügen</translation>
    </message>
</context>
<context>
    <name>ComposerTemplates</name>
    <message>
        <location filename="../../app/ui/ticket/template_picker.py" line="+18"/>
        <source>&amp;Template…</source>
        <translation>&amp;Vorlage…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert a reply or note template ({0})</source>
        <translation>Vorlage für Antwort oder Notiz einfügen ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert a template</source>
        <translation>Vorlage einfügen</translation>
    </message>
</context>
<context>
    <name>ConflictInbox</name>
    <message>
        <location filename="../../app/ui/sync/conflict_inbox.py" line="+55"/>
        <location line="+109"/>
        <source>Sync conflicts</source>
        <translation>Synchronisierungskonflikte</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Open conflicts</source>
        <translation>Offene Konflikte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No conflicts. Every change you made reached the server as you made it.</source>
        <translation>Keine Konflikte. Jede Ihrer Änderungen hat den Server so erreicht, wie Sie sie vorgenommen haben.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+129"/>
        <source>Open ticket</source>
        <translation>Ticket öffnen</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>Before both edits</source>
        <translation>Vor beiden Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theirs (on the server, shown now)</source>
        <translation>Auf dem Server (jetzt angezeigt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mine (this desk)</source>
        <translation>Auf diesem Desk (meiner)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Or write this value:</source>
        <translation>Oder diesen Wert eintragen:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Keep &amp;theirs</source>
        <translation>&amp;Serverwert behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep &amp;mine</source>
        <translation>&amp;Meinen Wert behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use &amp;edited value</source>
        <translation>&amp;Bearbeiteten Wert verwenden</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Refused by the server</source>
        <translation>Vom Server abgelehnt</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>New ticket</source>
        <translation>Neues Ticket</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>Sync conflicts ({0})</source>
        <translation>Synchronisierungskonflikte ({0})</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Someone changed it on the server while you changed it here.</source>
        <translation>Jemand hat es auf dem Server geändert, während Sie es hier geändert haben.</translation>
    </message>
    <message>
        <location line="-120"/>
        <source>&amp;Send again</source>
        <translation>Erneut &amp;senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send everything the server refused of this record again, with the values it has now</source>
        <translation>Alles, was der Server von diesem Datensatz abgelehnt hat, mit den jetzigen Werten erneut senden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Discard…</source>
        <translation>&amp;Verwerfen…</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Open change</source>
        <translation>Änderung öffnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open article</source>
        <translation>Artikel öffnen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>New change</source>
        <translation>Neue Änderung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>New article</source>
        <translation>Neuer Artikel</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server refused this new record: {0}</source>
        <translation>Der Server hat diesen neuen Datensatz abgelehnt: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is kept on this desk with everything you typed. Open it to change what the server objects to, then send it again; or discard it.</source>
        <translation>Er bleibt mit allem, was Sie eingegeben haben, auf diesem Desk. Öffnen Sie ihn, ändern Sie, was der Server beanstandet, und senden Sie ihn erneut; oder verwerfen Sie ihn.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused this change: {0}</source>
        <translation>Der Server hat diese Änderung abgelehnt: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your values stay shown until you send them again, or discard them to see the server&apos;s values.</source>
        <translation>Ihre Werte bleiben angezeigt, bis Sie sie erneut senden oder verwerfen, um die Werte des Servers zu sehen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused this addition: {0}</source>
        <translation>Der Server hat diese Ergänzung abgelehnt: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>It is kept on this desk until you send it again or discard it.</source>
        <translation>Sie bleibt auf diesem Desk, bis Sie sie erneut senden oder verwerfen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What it holds:</source>
        <translation>Was sie enthält:</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Edited value</source>
        <translation>Bearbeiteter Wert</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Delete {0} from this desk? The server never had it, so it is gone for good.</source>
        <translation>{0} von diesem Desk löschen? Der Server hatte es nie, es ist also endgültig weg.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Drop your refused values and show the server&apos;s values again?</source>
        <translation>Ihre abgelehnten Werte verwerfen und wieder die Werte des Servers anzeigen?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete this refused addition from this desk?</source>
        <translation>Diese abgelehnte Ergänzung von diesem Desk löschen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard refused work</source>
        <translation>Abgelehnte Arbeit verwerfen</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <location filename="../../app/ui/changes/conflicts_view.py" line="+55"/>
        <source>Move to next free slot</source>
        <translation>Auf nächsten freien Termin verschieben</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Closed and canceled changes hold no slot on the calendar.</source>
        <translation>Geschlossene und abgebrochene Änderungen belegen keinen Platz im Kalender.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Set a planned start and a later planned end to check for conflicts.</source>
        <translation>Setzen Sie einen geplanten Beginn und ein späteres geplantes Ende, um auf Konflikte zu prüfen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking…</source>
        <translation>Prüfe…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No conflicts at these times.</source>
        <translation>Keine Konflikte zu diesen Zeiten.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Blocks scheduling: </source>
        <translation>Blockiert die Planung: </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{0} conflicts. No free slot in the next 90 days.</source>
        <translation>{0} Konflikte. Kein freier Termin in den nächsten 90 Tagen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} conflicts. Next free slot: {1} to {2}.</source>
        <translation>{0} Konflikte. Nächster freier Termin: {1} bis {2}.</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/crash_dialog.py" line="+24"/>
        <source>Something went wrong</source>
        <translation>Etwas ist schiefgegangen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Error details</source>
        <translation>Fehlerdetails</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy details</source>
        <translation>Details kopieren</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Deskside ran into an unexpected error and carried on. The last action may not have finished; drafts of open tickets have been saved. If it happens again, please send the report below to your administrator.</source>
        <translation>Deskside ist auf einen unerwarteten Fehler gestoßen und hat weitergearbeitet. Die letzte Aktion wurde möglicherweise nicht abgeschlossen; Entwürfe offener Tickets wurden gesichert. Wenn es erneut passiert, senden Sie bitte den Bericht unten an Ihren Administrator.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deskside ran into {0} unexpected errors and carried on. Drafts of open tickets have been saved. The newest report is shown below.</source>
        <translation>Deskside ist auf {0} unerwartete Fehler gestoßen und hat weitergearbeitet. Entwürfe offener Tickets wurden gesichert. Unten steht der neueste Bericht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Report saved to {0}</source>
        <translation>Bericht gespeichert unter {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The report could not be saved; copy the details instead.</source>
        <translation>Der Bericht konnte nicht gespeichert werden; kopieren Sie stattdessen die Details.</translation>
    </message>
</context>
<context>
    <name>CsatDialog</name>
    <message>
        <location filename="../../app/ui/ticket/csat_dialog.py" line="+28"/>
        <source>Record satisfaction for {0}</source>
        <translation>Zufriedenheit für {0} erfassen</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>(Choose…)</source>
        <translation>(Auswählen…)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>{0} of 5</source>
        <translation>{0} von 5</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>What the requester said (optional)</source>
        <translation>Was der Anfragende sagte (optional)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Score</source>
        <translation>&amp;Bewertung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Came &amp;from</source>
        <translation>&amp;Erhalten über</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Comment</source>
        <translation>K&amp;ommentar</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Satisfaction is the requester&apos;s answer. Record it as they gave it, and say how it reached you; the ticket&apos;s history keeps both.</source>
        <translation>Die Zufriedenheit ist die Antwort des Anfragenden. Erfassen Sie sie so, wie sie gegeben wurde, und geben Sie an, wie sie Sie erreicht hat; die Historie des Tickets bewahrt beides.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Record</source>
        <translation>Erfassen</translation>
    </message>
</context>
<context>
    <name>CsvImportDialog</name>
    <message>
        <location filename="../../app/ui/widgets/csv_import_dialog.py" line="+66"/>
        <source>Columns left out: {0}.</source>
        <translation>Ausgelassene Spalten: {0}.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} rows have problems. Nothing is imported until the file is fixed; save the list to work through it.</source>
        <translation>{0} Zeilen haben Probleme. Nichts wird importiert, bis die Datei korrigiert ist; speichern Sie die Liste, um sie abzuarbeiten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+5"/>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Update</source>
        <translation>Aktualisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Save problem list…</source>
        <translation>Problemliste &amp;speichern…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Save problem list</source>
        <translation>Problemliste speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot write {0}: {1}</source>
        <translation>{0} kann nicht geschrieben werden: {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Problem list saved to {0}</source>
        <translation>Problemliste gespeichert unter {0}</translation>
    </message>
</context>
<context>
    <name>DashboardFilterBar</name>
    <message>
        <location filename="../../app/ui/dashboard/filter_bar.py" line="+100"/>
        <source>Period</source>
        <translation>Zeitraum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 30 days</source>
        <translation>Letzte 30 Tage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last 90 days</source>
        <translation>Letzte 90 Tage</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last 12 months</source>
        <translation>Letzte 12 Monate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This month</source>
        <translation>Dieser Monat</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last month</source>
        <translation>Letzter Monat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This quarter</source>
        <translation>Dieses Quartal</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Year to date</source>
        <translation>Jahr bis heute</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom range…</source>
        <translation>Eigener Zeitraum…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>(no group)</source>
        <translation>(keine Gruppe)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no service)</source>
        <translation>(kein Dienst)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>none (all tickets)</source>
        <translation>keiner (alle Tickets)</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../app/ui/dashboard/dashboard_page.py" line="+95"/>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Computing the dashboard</source>
        <translation>Dashboard wird berechnet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Report (PDF)…</source>
        <translation>Bericht (PDF)…</translation>
    </message>
    <message>
        <location line="+153"/>
        <source>Computing…</source>
        <translation>Berechne…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Preparing daily figures…</source>
        <translation>Tageswerte werden vorbereitet…</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{0} · computed in {1:.0f} ms</source>
        <translation>{0} · berechnet in {1:.0f} ms</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Save dashboard report</source>
        <translation>Dashboard-Bericht speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Writing the report…</source>
        <translation>Bericht wird geschrieben…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Report failed</source>
        <translation>Bericht fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The report could not be written: {0}</source>
        <translation>Der Bericht konnte nicht geschrieben werden: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Dashboard report saved ({0} pages).</source>
        <translation>Dashboard-Bericht gespeichert ({0} Seiten).</translation>
    </message>
</context>
<context>
    <name>DiffView</name>
    <message>
        <location filename="../../app/ui/knowledge/diff_view.py" line="+22"/>
        <source>Choose a version to see what it changed.</source>
        <translation>Wählen Sie eine Version, um zu sehen, was sie geändert hat.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Version {0} → version {1}</source>
        <translation>Version {0} → Version {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The text did not change.</source>
        <translation>Der Text hat sich nicht geändert.</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <location filename="../../app/ui/queue/filter_bar.py" line="+90"/>
        <source>Search number, title, description, worklog  (Ctrl+F)</source>
        <translation>Nummer, Titel, Beschreibung, Arbeitsnotizen durchsuchen  (Strg+F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Search tickets</source>
        <translation>Tickets durchsuchen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Clear filters</source>
        <translation>Filter zurücksetzen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Search notice</source>
        <translation>Hinweis zur Suche</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Filter:</source>
        <translation>Filter:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Me</source>
        <translation>Ich</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="+45"/>
        <source>nothing searchable</source>
        <translation>nichts Durchsuchbares</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OR goes between two terms, NOT before one</source>
        <translation>OR steht zwischen zwei Begriffen, NOT vor einem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not supported</source>
        <translation>nicht unterstützt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing was searched: the queue shows every ticket of the view.</source>
        <translation>Es wurde nichts gesucht: Die Liste zeigt jedes Ticket der Ansicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Whole words only: {0} (the start of longer words needs {1} letters)</source>
        <translation>Nur ganze Wörter: {0} (der Anfang längerer Wörter braucht {1} Buchstaben)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only the first {0} words are searched</source>
        <translation>nur die ersten {0} Wörter werden gesucht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ignored: {0} ({1})</source>
        <translation>Ignoriert: {0} ({1})</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/first_run.py" line="+41"/>
        <source>Welcome to Deskside</source>
        <translation>Willkommen bei Deskside</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&lt;h2&gt;Welcome to Deskside&lt;/h2&gt;&lt;p&gt;How would you like to start? Your desk will be kept on this computer in&lt;br&gt;&lt;code&gt;{0}&lt;/code&gt;&lt;/p&gt;</source>
        <translation>&lt;h2&gt;Willkommen bei Deskside&lt;/h2&gt;&lt;p&gt;Wie möchten Sie beginnen? Ihr Desk wird auf diesem Computer gespeichert in&lt;br&gt;&lt;code&gt;{0}&lt;/code&gt;&lt;/p&gt;</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Try it with demo data</source>
        <translation>Mit Demodaten ausprobieren</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>A sample desk with %Ln ticket(s), agents and groups, to explore freely.</source>
        <translation>
            <numerusform>Ein Beispiel-Desk mit %Ln Ticket, Agenten und Gruppen zum freien Erkunden.</numerusform>
            <numerusform>Ein Beispiel-Desk mit %Ln Tickets, Agenten und Gruppen zum freien Erkunden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start an empty local desk</source>
        <translation>Leeres lokales Desk beginnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No tickets yet; you are its first agent.</source>
        <translation>Noch keine Tickets; Sie sind der erste Agent.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your &amp;name:</source>
        <translation>Ihr &amp;Name:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your name</source>
        <translation>Ihr Name</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connect to a server</source>
        <translation>Mit einem Server verbinden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work on your team&apos;s shared desk: sign in next, and it syncs onto this computer.</source>
        <translation>Am gemeinsamen Desk Ihres Teams arbeiten: Als Nächstes melden Sie sich an, und es wird auf diesen Computer synchronisiert.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Making the demo desk… %p%</source>
        <translation>Demo-Desk wird erstellt… %p%</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+7"/>
        <source>Creating the desk…</source>
        <translation>Desk wird erstellt…</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Local agent</source>
        <translation>Lokaler Agent</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>The desk could not be created: {0}</source>
        <translation>Das Desk konnte nicht erstellt werden: {0}</translation>
    </message>
</context>
<context>
    <name>FlagDialog</name>
    <message>
        <location filename="../../app/ui/ticket/knowledge_suggestions.py" line="+48"/>
        <source>Flag {0}</source>
        <translation>{0} melden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What is wrong, and what worked instead</source>
        <translation>Was falsch ist und was stattdessen funktioniert hat</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
</context>
<context>
    <name>GroupsSection</name>
    <message>
        <location filename="../../app/ui/reference/groups_section.py" line="+41"/>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+24"/>
        <location line="+20"/>
        <source>Members</source>
        <translation>Mitglieder</translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New group</source>
        <translation>Neue &amp;Gruppe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} (retired)</source>
        <translation>{0} (stillgelegt)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Description</source>
        <translation>&amp;Beschreibung</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Agent to add</source>
        <translation>Hinzuzufügender Agent</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add</source>
        <translation>&amp;Hinzufügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>{0} tickets are assigned to this group. A group is retired, never deleted.</source>
        <translation>{0} Tickets sind dieser Gruppe zugewiesen. Eine Gruppe wird stillgelegt, nie gelöscht.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>On the team server only an administrator changes groups and members: your change is kept here and sent, and the server may refuse it (see Conflicts).</source>
        <translation>Auf dem Teamserver ändert nur ein Administrator Gruppen und Mitglieder: Ihre Änderung bleibt hier und wird gesendet, der Server kann sie aber ablehnen (siehe Konflikte).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Members are agents: they see and work the group&apos;s tickets.</source>
        <translation>Mitglieder sind Agenten: sie sehen und bearbeiten die Tickets der Gruppe.</translation>
    </message>
</context>
<context>
    <name>HistoryView</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="+64"/>
        <source>{} → {}</source>
        <translation>{} → {}</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>History</source>
        <translation>Historie</translation>
    </message>
    <message>
        <location filename="../../app/ui/changes/conflicts_view.py" line="+16"/>
        <location filename="../../build/i18n/extra_strings.py" line="-4"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../build/i18n/extra_strings.py" line="+1"/>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="+1"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
</context>
<context>
    <name>HolidayImporter</name>
    <message>
        <location filename="../../app/ui/changes/holiday_import.py" line="+28"/>
        <source>Import holidays</source>
        <translation>Feiertage importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>iCalendar files (*.ics);;All files (*)</source>
        <translation>iCalendar-Dateien (*.ics);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Importing {0}…</source>
        <translation>{0} wird importiert…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Holidays imported: {0} added, {1} updated, {2} removed, {3} unchanged.</source>
        <translation>Feiertage importiert: {0} hinzugefügt, {1} aktualisiert, {2} entfernt, {3} unverändert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} timed events were not holidays and were left out.</source>
        <translation>{0} Termine mit Uhrzeit waren keine Feiertage und wurden ausgelassen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nothing was imported. {0}</source>
        <translation>Nichts wurde importiert. {0}</translation>
    </message>
</context>
<context>
    <name>ImpactTree</name>
    <message>
        <location filename="../../app/ui/widgets/impact_tree.py" line="+38"/>
        <source>Item</source>
        <translation>Element</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title or class</source>
        <translation>Titel oder Klasse</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n open incident(s)</source>
        <translation>
            <numerusform>%n offene Störung</numerusform>
            <numerusform>%n offene Störungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>on {0}</source>
        <translation>auf {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SLA due {0}, {1}</source>
        <translation>SLA fällig {0}, {1}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} – {1}</source>
        <translation>{0} – {1}</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="-92"/>
        <source>Import people</source>
        <translation>Personen importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}: {1} people read as {2}.</source>
        <translation>{0}: {1} Personen als {2} gelesen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} new people, {1} already in the directory (matched by e-mail) updated.</source>
        <translation>{0} neue Personen, {1} bereits im Verzeichnis (nach E-Mail zugeordnet) aktualisiert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>&amp;Import {0} people</source>
        <translation>{0} Personen &amp;importieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} people added, {1} updated, {2} unchanged</source>
        <translation>{0} Personen hinzugefügt, {1} aktualisiert, {2} unverändert</translation>
    </message>
</context>
<context>
    <name>IncidentSearchView</name>
    <message>
        <location filename="../../app/ui/problems/incident_search_view.py" line="+42"/>
        <source>Search incidents: words, &quot;a phrase&quot;, OR, -word, or a number</source>
        <translation>Störungen suchen: Wörter, &quot;eine Phrase&quot;, OR, -Wort oder eine Nummer</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CI</source>
        <translation>CI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Link selected</source>
        <translation>Auswahl &amp;verknüpfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Searching…</source>
        <translation>Suche…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Link</source>
        <translation>Verknüpfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link {0} to this problem</source>
        <translation>{0} mit diesem Problem verknüpfen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Type to search incidents by number, title or worklog text.</source>
        <translation>Tippen Sie, um Störungen nach Nummer, Titel oder Text der Arbeitsnotizen zu suchen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No incident matches.</source>
        <translation>Keine Störung passt.</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln incident(s) match.</source>
        <translation>
            <numerusform>%Ln Störung passt.</numerusform>
            <numerusform>%Ln Störungen passen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The newest {0} matching incidents; refine the search for others.</source>
        <translation>Die neuesten {0} passenden Störungen; verfeinern Sie die Suche für weitere.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>nothing searchable</source>
        <translation>nichts Durchsuchbares</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OR goes between two terms, NOT before one</source>
        <translation>OR steht zwischen zwei Begriffen, NOT vor einem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not supported</source>
        <translation>nicht unterstützt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>only the first {0} words are searched</source>
        <translation>nur die ersten {0} Wörter werden gesucht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ignored: {0}</source>
        <translation>Ignoriert: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this one</source>
        <translation>diese hier</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opened {0}</source>
        <translation>Eröffnet {0}</translation>
    </message>
</context>
<context>
    <name>InlineError</name>
    <message>
        <location filename="../../app/ui/widgets/inline_error.py" line="+21"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>Knowledge</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="-21"/>
        <source>Work in progress</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not validated</source>
        <translation>Nicht validiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validated</source>
        <translation>Validiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agents only</source>
        <translation>Nur Agenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requesters and agents</source>
        <translation>Anfragende und Agenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong</source>
        <translation>Falsch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outdated</source>
        <translation>Veraltet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unclear</source>
        <translation>Unklar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incomplete</source>
        <translation>Unvollständig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>review date passed</source>
        <translation>Prüfung überfällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>flagged</source>
        <translation>gemeldet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unused for a year</source>
        <translation>seit einem Jahr ungenutzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matches the text</source>
        <translation>passt zum Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same service</source>
        <translation>gleicher Dienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same CI</source>
        <translation>gleiches CI</translation>
    </message>
</context>
<context>
    <name>KnowledgePage</name>
    <message>
        <location filename="../../app/ui/knowledge/knowledge_page.py" line="+70"/>
        <source>Search articles: words, &quot;a phrase&quot;, OR, -word</source>
        <translation>Artikel suchen: Wörter, &quot;eine Phrase&quot;, OR, -Wort</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All but archived</source>
        <translation>Alle außer archivierten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>All categories</source>
        <translation>Alle Kategorien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All services</source>
        <translation>Alle Dienste</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Needs &amp;review</source>
        <translation>Über&amp;prüfung nötig</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Articles whose review date passed, that were flagged, or that nobody used for a year</source>
        <translation>Artikel, deren Überprüfungsdatum überschritten ist, die gemeldet wurden oder die seit einem Jahr niemand genutzt hat</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New article</source>
        <translation>&amp;Neuer Artikel</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Choose an article, or search for one.</source>
        <translation>Wählen Sie einen Artikel oder suchen Sie einen.</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>%Ln+ article(s)</source>
        <translation>
            <numerusform>%Ln+ Artikel</numerusform>
            <numerusform>%Ln+ Artikel</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln article(s)</source>
        <translation>
            <numerusform>%Ln Artikel</numerusform>
            <numerusform>%Ln Artikel</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} article(s)</source>
        <translation type="vanished">{0} Artikel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(not searched: {0})</source>
        <translation>(nicht gesucht: {0})</translation>
    </message>
</context>
<context>
    <name>KnowledgeSuggestions</name>
    <message>
        <location filename="../../app/ui/ticket/knowledge_suggestions.py" line="+19"/>
        <location line="+62"/>
        <source>Knowledge</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Insert steps</source>
        <translation>Schritte einfügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Put the article&apos;s numbered steps into the reply</source>
        <translation>Die nummerierten Schritte des Artikels in die Antwort einfügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert</source>
        <translation>Einfügen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Put the whole article into the reply</source>
        <translation>Den ganzen Artikel in die Antwort einfügen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This solved it</source>
        <translation>Hat geholfen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Link the article to this ticket and count the reuse</source>
        <translation>Den Artikel mit diesem Ticket verknüpfen und die Wiederverwendung zählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Flag…</source>
        <translation>Melden…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Report the article as wrong, with a comment</source>
        <translation>Den Artikel als falsch melden, mit einem Kommentar</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the article on the Knowledge page</source>
        <translation>Den Artikel auf der Seite „Wissen“ anzeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New article from ticket</source>
        <translation>Neuer Artikel aus Ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capture the resolution as a new article (work in progress)</source>
        <translation>Die Lösung als neuen Artikel festhalten (in Arbeit)</translation>
    </message>
    <message>
        <location line="+80"/>
        <source>{0} · used {1}× · {2} — </source>
        <translation>{0} · {1}× verwendet · {2} — </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Knowledge: no article matches this ticket yet</source>
        <translation>Wissen: noch kein Artikel passt zu diesem Ticket</translation>
    </message>
    <message numerus="yes">
        <location line="-1"/>
        <source>Knowledge: %Ln suggestion(s)</source>
        <translation>
            <numerusform>%Ln Wissensvorschlag</numerusform>
            <numerusform>%Ln Wissensvorschläge</numerusform>
        </translation>
    </message>
    <message>
        <source>Knowledge: {0} suggestion(s)</source>
        <translation type="vanished">Wissensvorschläge: {0}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Work in progress</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not validated</source>
        <translation>Nicht validiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validated</source>
        <translation>Validiert</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Counted: the article solved this ticket.</source>
        <translation>Gezählt: Der Artikel hat dieses Ticket gelöst.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This article already counts for this ticket.</source>
        <translation>Dieser Artikel zählt für dieses Ticket bereits.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The article was flagged for its owner.</source>
        <translation>Der Artikel wurde für seinen Verantwortlichen gemeldet.</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="+211"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In Progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On Hold</source>
        <translation>Zurückgestellt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting Approval</source>
        <translation>Wartet auf Genehmigung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>Genehmigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fulfilled</source>
        <translation>Erfüllt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assess</source>
        <translation>Bewertung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Root Cause Analysis</source>
        <translation>Ursachenanalyse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix in Progress</source>
        <translation>Behebung läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Authorize</source>
        <translation>Genehmigung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Implement</source>
        <translation>Umsetzung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Review</source>
        <translation>Überprüfung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work in progress</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not validated</source>
        <translation>Nicht validiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Validated</source>
        <translation>Validiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>Archiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incident</source>
        <translation>Störung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service request</source>
        <translation>Serviceanfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P1 Critical</source>
        <translation>P1 Kritisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P2 High</source>
        <translation>P2 Hoch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P3 Moderate</source>
        <translation>P3 Mittel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P4 Low</source>
        <translation>P4 Niedrig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>P5 Planning</source>
        <translation>P5 Planung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting caller</source>
        <translation>Wartet auf Anrufer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting change</source>
        <translation>Wartet auf Änderung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting problem</source>
        <translation>Wartet auf Problem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Awaiting vendor</source>
        <translation>Wartet auf Lieferant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Solved (permanently)</source>
        <translation>Gelöst (dauerhaft)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Solved (workaround)</source>
        <translation>Gelöst (Workaround)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not reproducible</source>
        <translation>Nicht reproduzierbar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate</source>
        <translation>Duplikat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No fault found</source>
        <translation>Kein Fehler gefunden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User error</source>
        <translation>Bedienfehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Portal</source>
        <translation>Portal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chat</source>
        <translation>Chat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Walk-in</source>
        <translation>Vor Ort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Monitoring</source>
        <translation>Monitoring</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Software defect</source>
        <translation>Softwarefehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configuration error</source>
        <translation>Konfigurationsfehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hardware failure</source>
        <translation>Hardwareausfall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Capacity</source>
        <translation>Kapazität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Network</source>
        <translation>Netzwerk</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Third party / vendor</source>
        <translation>Drittanbieter / Lieferant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Human error</source>
        <translation>Menschliches Versagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Process gap</source>
        <translation>Prozesslücke</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown</source>
        <translation>Unbekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Child of</source>
        <translation>Untergeordnet zu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicate of</source>
        <translation>Duplikat von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Caused by</source>
        <translation>Verursacht durch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refers to</source>
        <translation>Verweist auf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Depends on</source>
        <translation>Hängt ab von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Parent of</source>
        <translation>Übergeordnet zu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duplicated by</source>
        <translation>Dupliziert durch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Causes</source>
        <translation>Verursacht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Referred to by</source>
        <translation>Referenziert von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Depended on by</source>
        <translation>Vorausgesetzt von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At risk</source>
        <translation>Gefährdet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breached</source>
        <translation>Verletzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Met</source>
        <translation>Eingehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emergency</source>
        <translation>Notfall</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Moderate</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fixes</source>
        <translation>Behebt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Related to</source>
        <translation>Verwandt mit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Wrong</source>
        <translation>Falsch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Outdated</source>
        <translation>Veraltet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unclear</source>
        <translation>Unklar</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incomplete</source>
        <translation>Unvollständig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Survey</source>
        <translation>Umfrage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail</source>
        <translation>Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In person</source>
        <translation>Persönlich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My open tickets</source>
        <translation>Meine offenen Tickets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My group&apos;s unassigned</source>
        <translation>Nicht zugewiesen in meinen Gruppen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All open</source>
        <translation>Alle offenen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recently updated</source>
        <translation>Kürzlich geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All tickets</source>
        <translation>Alle Tickets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open problems</source>
        <translation>Offene Probleme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breaching soon</source>
        <translation>SLA bald verletzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>matches the text</source>
        <translation>passt zum Text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same service</source>
        <translation>gleicher Dienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same CI</source>
        <translation>gleiches CI</translation>
    </message>
</context>
<context>
    <name>LinkedIncidentsView</name>
    <message>
        <location filename="../../app/ui/problems/incident_lists.py" line="-81"/>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CI</source>
        <translation>CI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened</source>
        <translation>Eröffnet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Incident number, e.g. INC0000123</source>
        <translation>Störungsnummer, z. B. INC0000123</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Link</source>
        <translation>&amp;Verknüpfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>U&amp;nlink selected</source>
        <translation>Auswahl &amp;lösen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
</context>
<context>
    <name>LinksView</name>
    <message>
        <location filename="../../app/ui/ticket/links_view.py" line="+43"/>
        <source>Relation</source>
        <translation>Beziehung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linked tickets</source>
        <translation>Verknüpfte Tickets</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Link type</source>
        <translation>Art der Verknüpfung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ticket number, e.g. INC0001234</source>
        <translation>Ticketnummer, z. B. INC0001234</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ticket number to link</source>
        <translation>Zu verknüpfende Ticketnummer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add &amp;link</source>
        <translation>&amp;Verknüpfung hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Remove link</source>
        <translation>Verknüpfung &amp;entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove the selected link (Delete); the other ticket stays</source>
        <translation>Die gewählte Verknüpfung entfernen (Entf); das andere Ticket bleibt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This ticket is</source>
        <translation>Dieses Ticket ist</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Double-click to open {}</source>
        <translation>Doppelklick öffnet {}</translation>
    </message>
    <message>
        <location filename="../../app/ui/changes/editor_tabs.py" line="+61"/>
        <source>Incident or problem number, e.g. INC0000042</source>
        <translation>Störungs- oder Problemnummer, z. B. INC0000042</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Link</source>
        <translation>Verknüpfen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Unlink</source>
        <translation>Verknüpfung lösen</translation>
    </message>
</context>
<context>
    <name>MacroButton</name>
    <message>
        <location filename="../../app/ui/ticket/macro_button.py" line="+21"/>
        <source>&amp;Macro</source>
        <translation>&amp;Makro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply a macro to this ticket: field changes and a reply or note in one step</source>
        <translation>Ein Makro auf dieses Ticket anwenden: Feldänderungen und eine Antwort oder Notiz in einem Schritt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No macros yet: make them on the Macros page (View menu)</source>
        <translation>Noch keine Makros: Legen Sie sie auf der Seite „Makros“ an (Menü Ansicht)</translation>
    </message>
</context>
<context>
    <name>MacroController</name>
    <message>
        <location filename="../../app/ui/macros/controller.py" line="+37"/>
        <source>Apply &amp;macro</source>
        <translation>&amp;Makro anwenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+53"/>
        <source>Undo last &amp;macro</source>
        <translation>Letztes Ma&amp;kro rückgängig machen</translation>
    </message>
    <message>
        <location line="-50"/>
        <source>Manage templates and macros…</source>
        <translation>Vorlagen und Makros verwalten…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Macro: {0}</source>
        <translation>Makro: {0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No macros yet</source>
        <translation>Noch keine Makros</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Undo {0}</source>
        <translation>{0} rückgängig machen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Save or revert this ticket&apos;s changes before applying a macro.</source>
        <translation>Speichern oder verwerfen Sie die Änderungen an diesem Ticket, bevor Sie ein Makro anwenden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open a ticket or select tickets in the queue to apply a macro.</source>
        <translation>Öffnen Sie ein Ticket oder wählen Sie Tickets in der Warteschlange aus, um ein Makro anzuwenden.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>Apply “{0}” to %n ticket(s)?</source>
        <translation>
            <numerusform>„{0}“ auf %n Ticket anwenden?</numerusform>
            <numerusform>„{0}“ auf %n Tickets anwenden?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each requester gets its public reply once the team server mails it.</source>
        <translation>Jeder Anfragende erhält seine öffentliche Antwort, sobald der Teamserver sie versendet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Apply macro</source>
        <translation>Makro anwenden</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The macro was not applied</source>
        <translation>Das Makro wurde nicht angewendet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>macro “{0}”</source>
        <translation>Makro „{0}“</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>{0}: %n ticket(s) changed, {1} left unchanged. Ctrl+Z in the queue (or Undo last macro) undoes.</source>
        <translation>
            <numerusform>{0}: %n Ticket geändert, {1} unverändert. Strg+Z in der Warteschlange (oder „Letztes Makro rückgängig machen“) macht es rückgängig.</numerusform>
            <numerusform>{0}: %n Tickets geändert, {1} unverändert. Strg+Z in der Warteschlange (oder „Letztes Makro rückgängig machen“) macht es rückgängig.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Some tickets were left unchanged</source>
        <translation>Einige Tickets blieben unverändert</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n ticket(s) changed; these refused the macro and are as they were:</source>
        <translation>
            <numerusform>%n Ticket geändert; diese haben das Makro abgelehnt und sind unverändert:</numerusform>
            <numerusform>%n Tickets geändert; diese haben das Makro abgelehnt und sind unverändert:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>Macro undone on %n ticket(s).</source>
        <translation>
            <numerusform>Makro bei %n Ticket rückgängig gemacht.</numerusform>
            <numerusform>Makro bei %n Tickets rückgängig gemacht.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>public reply</source>
        <translation>öffentliche Antwort</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>internal note</source>
        <translation>interne Notiz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}: its {1} was already sent to the team server, so it stays</source>
        <translation>{0}: Die {1} wurde bereits an den Teamserver gesendet und bleibt daher</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The macro&apos;s field changes were undone where nothing changed them since.</source>
        <translation>Die Feldänderungen des Makros wurden rückgängig gemacht, wo sie seitdem niemand geändert hat.</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n unsent reply or note was taken back.</source>
        <translation>
            <numerusform>%n nicht gesendete Antwort oder Notiz wurde zurückgenommen.</numerusform>
            <numerusform>%n nicht gesendete Antworten oder Notizen wurden zurückgenommen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A sent reply cannot be unsent: it may have been mailed to the requester already. Add a note or a correcting reply if it needs one.</source>
        <translation>Eine gesendete Antwort lässt sich nicht zurückholen: sie wurde dem Anfragenden möglicherweise schon gemailt. Fügen Sie bei Bedarf eine Notiz oder eine korrigierende Antwort hinzu.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Undo of the macro</source>
        <translation>Rückgängigmachen des Makros</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>… and {0} more</source>
        <translation>… und {0} weitere</translation>
    </message>
</context>
<context>
    <name>MacrosPage</name>
    <message>
        <location filename="../../app/ui/macros/macros_page.py" line="+37"/>
        <source>&amp;Templates</source>
        <translation>&amp;Vorlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Macros</source>
        <translation>&amp;Makros</translation>
    </message>
</context>
<context>
    <name>MacrosTab</name>
    <message>
        <location filename="../../app/ui/macros/macros_tab.py" line="+55"/>
        <source>Shortcut key</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No key</source>
        <translation>Keine Taste</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Desc&amp;ription</source>
        <translation>Besch&amp;reibung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your key</source>
        <translation>Ihre Taste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Set these fields</source>
        <translation>Diese Felder setzen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>The macro&apos;s reply or note</source>
        <translation>Antwort oder Notiz des Makros</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its text; variables are filled in for each ticket.</source>
        <translation>Der Text; Variablen werden für jedes Ticket ausgefüllt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Adds</source>
        <translation>Fügt hinzu</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Resolution notes</source>
        <translation>Lösungsbeschreibung</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Whoever applies it</source>
        <translation>Wer es anwendet</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>shared</source>
        <translation>geteilt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mine</source>
        <translation>eigene</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Unknown ({0})</source>
        <translation>Unbekannt ({0})</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="-429"/>
        <source>Deskside — {0}</source>
        <translation>Deskside — {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deskside — {0} — profile {1}</source>
        <translation>Deskside — {0} — Profil {1}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Queue</source>
        <translation>Warteschlange</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>Go to {0}</source>
        <translation>Gehe zu {0}</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Working</source>
        <translation>In Arbeit</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Slow search: no full-text index</source>
        <translation>Langsame Suche: kein Volltextindex</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This Python&apos;s SQLite was built without FTS5, so search scans every ticket and worklog instead of using an index. Results are the same; on a large desk they take longer.</source>
        <translation>Das SQLite dieses Pythons wurde ohne FTS5 gebaut, daher durchsucht die Suche jedes Ticket und jede Arbeitsnotiz, statt einen Index zu nutzen. Die Ergebnisse sind dieselben; bei vielen Tickets dauert es länger.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Profile: {0}</source>
        <translation>Profil: {0}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Signed in locally as {0}</source>
        <translation>Lokal angemeldet als {0}</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Open ticket</source>
        <translation>Ticket öffnen</translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Save view</source>
        <translation>Ansicht speichern</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Name of the view:</source>
        <translation>Name der Ansicht:</translation>
    </message>
    <message>
        <source>{0}: {1} changed, {2} skipped. Ctrl+Z undoes.</source>
        <translation type="vanished">{0}: {1} geändert, {2} übersprungen. Strg+Z macht es rückgängig.</translation>
    </message>
    <message>
        <source>Undone: {0} ({1} tickets).</source>
        <translation type="vanished">Rückgängig gemacht: {0} ({1} Tickets).</translation>
    </message>
    <message>
        <source>… and {0} more</source>
        <translation type="vanished">… und {0} weitere</translation>
    </message>
    <message>
        <source>Some tickets were skipped</source>
        <translation type="vanished">Einige Tickets wurden übersprungen</translation>
    </message>
    <message>
        <source>{0} tickets were left unchanged:</source>
        <translation type="vanished">{0} Tickets blieben unverändert:</translation>
    </message>
    <message>
        <source>Settings saved. The new priority matrix applies to the next priority change.</source>
        <translation type="vanished">Einstellungen gespeichert. Die neue Prioritätsmatrix gilt ab der nächsten Prioritätsänderung.</translation>
    </message>
    <message>
        <source>Settings saved. The new store location is used from the next start.</source>
        <translation type="vanished">Einstellungen gespeichert. Der neue Speicherort wird ab dem nächsten Start verwendet.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation type="vanished">Einstellungen gespeichert.</translation>
    </message>
    <message>
        <source>&lt;tr&gt;&lt;td&gt;Move in the queue&lt;/td&gt;&lt;td&gt;&lt;b&gt;↑ ↓ / j k&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</source>
        <translation type="vanished">&lt;tr&gt;&lt;td&gt;In der Warteschlange bewegen&lt;/td&gt;&lt;td&gt;&lt;b&gt;↑ ↓ / j k&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="vanished">Tastenkürzel</translation>
    </message>
    <message>
        <source>About Deskside</source>
        <translation type="vanished">Über Deskside</translation>
    </message>
    <message>
        <source>&lt;b&gt;Deskside {0}&lt;/b&gt;&lt;br&gt;A native service desk that works offline.&lt;br&gt;Store: {1}</source>
        <translation type="vanished">&lt;b&gt;Deskside {0}&lt;/b&gt;&lt;br&gt;Ein natives Service-Desk, das auch offline funktioniert.&lt;br&gt;Speicher: {1}</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Deskside</source>
        <translation>Deskside</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Settings could not be saved: {0}</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: {0}</translation>
    </message>
</context>
<context>
    <name>MajorIncidentStrip</name>
    <message>
        <location filename="../../app/ui/queue/major_strip.py" line="+39"/>
        <source>Major incident {0}: {1} ({2}, {3} child incidents)</source>
        <translation>Großstörung {0}: {1} ({2}, {3} untergeordnete Störungen)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>More on the Problems page (Major incidents).</source>
        <translation>Mehr auf der Seite „Probleme“ (Großstörungen).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open {0}</source>
        <translation>{0} öffnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major incidents…</source>
        <translation>Großstörungen…</translation>
    </message>
</context>
<context>
    <name>ManagerTab</name>
    <message>
        <location filename="../../app/ui/macros/manager_tab.py" line="+71"/>
        <source>Search by name or text…</source>
        <translation>Nach Name oder Text suchen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>S&amp;hared with the team</source>
        <translation>&amp;Mit dem Team geteilt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shared ones reach every desk; your own reach only your desks. This is chosen when it is made: Copy makes a shared copy of your own.</source>
        <translation>Geteilte erreichen jedes Desk, Ihre eigenen nur Ihre Desks. Das wird beim Anlegen festgelegt: „Kopieren“ macht aus einem eigenen eine geteilte Kopie.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>New</source>
        <translation>Neu</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Copy of {0}</source>
        <translation>Kopie von {0}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Saved “{0}”.</source>
        <translation>„{0}“ gespeichert.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Delete “{0}” for the whole team?</source>
        <translation>„{0}“ für das ganze Team löschen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete your “{0}”?</source>
        <translation>Ihren Eintrag „{0}“ löschen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
</context>
<context>
    <name>MonthView</name>
    <message>
        <location filename="../../app/ui/calendar/month_view.py" line="+149"/>
        <source>+{0} more</source>
        <translation>+{0} weitere</translation>
    </message>
</context>
<context>
    <name>MultiChoiceButton</name>
    <message>
        <location filename="../../app/ui/dashboard/filter_bar.py" line="-100"/>
        <source>Any</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{0}: any</source>
        <translation>{0}: alle</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0}: {1} chosen</source>
        <translation>{0}: {1} gewählt</translation>
    </message>
</context>
<context>
    <name>NewCallerDialog</name>
    <message>
        <location filename="../../app/ui/widgets/new_caller_dialog.py" line="+28"/>
        <source>New caller</source>
        <translation>Neuer Anrufer</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Add caller</source>
        <translation>Anrufer &amp;hinzufügen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{0} added</source>
        <translation>{0} hinzugefügt</translation>
    </message>
</context>
<context>
    <name>NewChangeDialog</name>
    <message>
        <location filename="../../app/ui/changes/new_change_dialog.py" line="+35"/>
        <source>New change</source>
        <translation>Neue Änderung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pre-approved, from the catalogue</source>
        <translation>Vorab genehmigt, aus dem Katalog</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assessed and approved by the CAB</source>
        <translation>Vom CAB bewertet und genehmigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgent: straight to authorization</source>
        <translation>Dringend: direkt zur Genehmigung</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+55"/>
        <source>What will change, on what</source>
        <translation>Was sich woran ändert</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Template</source>
        <translation>Vorlage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create</source>
        <translation>Erstellen</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{0} Usual duration {1} min, risk {2}.</source>
        <translation>{0} Übliche Dauer {1} min, Risiko {2}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The catalogue has no active templates.</source>
        <translation>Der Katalog hat keine aktiven Vorlagen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Give the change a title.</source>
        <translation>Geben Sie der Änderung einen Titel.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a template for a standard change.</source>
        <translation>Wählen Sie eine Vorlage für eine Standardänderung.</translation>
    </message>
</context>
<context>
    <name>NewTicketDialog</name>
    <message>
        <location filename="../../app/ui/ticket/new_ticket_dialog.py" line="+43"/>
        <location line="+102"/>
        <source>New ticket</source>
        <translation>Neues Ticket</translation>
    </message>
    <message>
        <location line="-91"/>
        <location line="+59"/>
        <source>&amp;Create</source>
        <translation>&amp;Erstellen</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>{} created</source>
        <translation>{} erstellt</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Creating…</source>
        <translation>Wird erstellt…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Write a title first.</source>
        <translation>Geben Sie zuerst einen Titel ein.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Keep this new ticket as a draft?</source>
        <translation>Dieses neue Ticket als Entwurf behalten?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Keep draft</source>
        <translation>Entwurf behalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The next New ticket dialog offers it back.</source>
        <translation>Der nächste Dialog „Neues Ticket“ bietet ihn wieder an.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>An unfinished new ticket from {} was kept.</source>
        <translation>Ein unfertiges neues Ticket vom {} wurde aufbewahrt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
</context>
<context>
    <name>OptionalDateTimeEdit</name>
    <message>
        <location filename="../../app/ui/changes/inputs.py" line="-51"/>
        <source>Not set</source>
        <translation>Nicht gesetzt</translation>
    </message>
</context>
<context>
    <name>Pages</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="+1"/>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Calendar</source>
        <translation>Kalender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>People</source>
        <translation>Personen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Knowledge</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CMDB</source>
        <translation>CMDB</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reference data</source>
        <translation>Stammdaten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Macros</source>
        <translation>Makros</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <location filename="../../app/ui/people/people_page.py" line="+70"/>
        <source>Search name, e-mail, phone, department, site</source>
        <translation>Name, E-Mail, Telefon, Abteilung, Standort suchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Everyone</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Agents</source>
        <translation>Agenten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requesters</source>
        <translation>Anfragende</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All sites</source>
        <translation>Alle Standorte</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All departments</source>
        <translation>Alle Abteilungen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active and inactive</source>
        <translation>Aktiv und inaktiv</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>VIP only</source>
        <translation>Nur VIPs</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New person</source>
        <translation>&amp;Neue Person</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>&amp;Import CSV…</source>
        <translation>CSV &amp;importieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add and update people from a CSV file, after a preview</source>
        <translation>Personen aus einer CSV-Datei hinzufügen und aktualisieren, nach einer Vorschau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xport CSV…</source>
        <translation>CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the people the filters select as a CSV file</source>
        <translation>Die von den Filtern ausgewählten Personen als CSV-Datei speichern</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Revert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>The first {0} people by name; search or filter to narrow the list.</source>
        <translation>Die ersten {0} Personen nach Name; suchen oder filtern Sie, um die Liste einzugrenzen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} people</source>
        <translation>{0} Personen</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Import people</source>
        <translation>Personen importieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv *.txt)</source>
        <translation>CSV (*.csv *.txt)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export people</source>
        <translation>Personen exportieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} people exported to {1}</source>
        <translation>{0} Personen nach {1} exportiert</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+22"/>
        <source>Save or revert the changes to this person first.</source>
        <translation>Speichern oder verwerfen Sie zuerst die Änderungen an dieser Person.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New person</source>
        <translation>Neue Person</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A requester; agents are added with their accounts on the team server.</source>
        <translation>Ein Anfragender; Agenten werden mit ihren Konten auf dem Teamserver angelegt.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No person selected</source>
        <translation>Keine Person ausgewählt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a person in the list, or add one with New person.</source>
        <translation>Wählen Sie eine Person in der Liste oder legen Sie eine mit „Neue Person“ an.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>An agent, requester on {0} tickets.</source>
        <translation>Ein Agent, Anfragender bei {0} Tickets.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A requester, on {0} tickets.</source>
        <translation>Ein Anfragender, bei {0} Tickets.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A person is deactivated, never deleted: their tickets keep naming them.</source>
        <translation>Eine Person wird deaktiviert, nie gelöscht: ihre Tickets nennen sie weiterhin.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>{0} saved</source>
        <translation>{0} gespeichert</translation>
    </message>
</context>
<context>
    <name>PeopleTableModel</name>
    <message>
        <location filename="../../app/ui/people/people_table_model.py" line="+20"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>E-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Phone</source>
        <translation>Telefon</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+5"/>
        <source>VIP</source>
        <translation>VIP</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Agent</source>
        <translation>Agent</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Requester</source>
        <translation>Anfragender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Inactive</source>
        <translation>Inaktiv</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <location filename="../../app/ui/widgets/person_form.py" line="+28"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;E-mail</source>
        <translation>&amp;E-Mail</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Phone</source>
        <translation>&amp;Telefon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Site</source>
        <translation>&amp;Standort</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Department</source>
        <translation>&amp;Abteilung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Language</source>
        <translation>S&amp;prache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>name@example.com</source>
        <translation>name@example.com</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>+44 20 7946 0123</source>
        <translation>+49 30 1234567</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>en, de, fr-CA</source>
        <translation>de, en, fr-CA</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;VIP</source>
        <translation>&amp;VIP</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Their calls get priority attention</source>
        <translation>Anrufe dieser Person werden bevorzugt behandelt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>A&amp;ctive</source>
        <translation>A&amp;ktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offered by the caller lookup and the pickers</source>
        <translation>Wird von der Anrufersuche und den Auswahllisten angeboten</translation>
    </message>
</context>
<context>
    <name>PriorityField</name>
    <message>
        <location filename="../../app/ui/ticket/priority_field.py" line="+24"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>O&amp;verride</source>
        <translation>&amp;Überschreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Override the priority from the matrix</source>
        <translation>Die Priorität aus der Matrix überschreiben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the priority by hand instead of from impact and urgency</source>
        <translation>Priorität von Hand setzen statt aus Auswirkung und Dringlichkeit</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Matrix: {}</source>
        <translation>Matrix: {}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>From impact × urgency</source>
        <translation>Aus Auswirkung × Dringlichkeit</translation>
    </message>
</context>
<context>
    <name>ProblemEditor</name>
    <message>
        <location filename="../../app/ui/problems/editor.py" line="+67"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish &amp;workaround…</source>
        <translation>&amp;Workaround veröffentlichen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve linked incidents…</source>
        <translation>Verknüpfte Störungen lösen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worklog &amp;&amp; history</source>
        <translation>Arbeitsnotizen &amp;&amp; Historie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open as a ticket: worklog, attachments and history</source>
        <translation>Als Ticket öffnen: Arbeitsnotizen, Anhänge und Historie</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Link selected</source>
        <translation>Auswahl &amp;verknüpfen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Similar incidents</source>
        <translation>Ähnliche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find incidents</source>
        <translation>Störungen suchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Communication log</source>
        <translation>Kommunikation</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Move to:</source>
        <translation>Setzen auf:</translation>
    </message>
    <message>
        <location line="+76"/>
        <source>Known error</source>
        <translation>Bekannter Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Major incident</source>
        <translation>Großstörung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Affected CIs: {0}</source>
        <translation>Betroffene CIs: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Child incidents ({0})</source>
        <translation>Untergeordnete Störungen ({0})</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Linked incidents ({0})</source>
        <translation>Verknüpfte Störungen ({0})</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Save and move to {0}</source>
        <translation>Speichern und auf {0} setzen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Choose a resolution code and write resolution notes, then click Resolved again.</source>
        <translation>Wählen Sie einen Lösungscode und schreiben Sie eine Lösungsbeschreibung, dann klicken Sie erneut auf „Gelöst“.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{0} saved.</source>
        <translation>{0} gespeichert.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>{0} is resolved. %Ln linked incident(s) are still open.</source>
        <translation>
            <numerusform>{0} ist gelöst. %Ln verknüpfte Störung ist noch offen.</numerusform>
            <numerusform>{0} ist gelöst. %Ln verknüpfte Störungen sind noch offen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolve them too…</source>
        <translation>Diese auch lösen…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>{0}: %Ln changed.</source>
        <translation>
            <numerusform>{0}: %Ln geändert.</numerusform>
            <numerusform>{0}: %Ln geändert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+70"/>
        <source>Skipped: {0}</source>
        <translation>Übersprungen: {0}</translation>
    </message>
    <message numerus="yes">
        <location line="-58"/>
        <source>Undone: {0} (%Ln ticket(s)).</source>
        <translation>
            <numerusform>Rückgängig gemacht: {0} (%Ln Ticket).</numerusform>
            <numerusform>Rückgängig gemacht: {0} (%Ln Tickets).</numerusform>
        </translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+4"/>
        <source>Linked to {0}</source>
        <translation>Verknüpft mit {0}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Unlinked from {0}</source>
        <translation>Verknüpfung mit {0} gelöst</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Save the problem first: the replies carry the saved workaround.</source>
        <translation>Speichern Sie zuerst das Problem: Die Antworten enthalten den gespeicherten Workaround.</translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>Workaround sent to %Ln incident(s).</source>
        <translation>
            <numerusform>Workaround an %Ln Störung gesendet.</numerusform>
            <numerusform>Workaround an %Ln Störungen gesendet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>Workaround withdrawn from %Ln incident(s).</source>
        <translation>
            <numerusform>Workaround von %Ln Störung zurückgezogen.</numerusform>
            <numerusform>Workaround von %Ln Störungen zurückgezogen.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not withdrawn: {0}</source>
        <translation>Nicht zurückgezogen: {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Resolve linked incidents</source>
        <translation>Verknüpfte Störungen lösen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Resolve %Ln open linked incident(s) with the resolution of {0}?</source>
        <translation>
            <numerusform>%Ln offene verknüpfte Störung mit der Lösung von {0} lösen?</numerusform>
            <numerusform>%Ln offene verknüpfte Störungen mit der Lösung von {0} lösen?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Resolve</source>
        <translation>Lösen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Resolved with {0}</source>
        <translation>Gelöst mit {0}</translation>
    </message>
</context>
<context>
    <name>ProblemForm</name>
    <message>
        <location filename="../../app/ui/problems/editor_form.py" line="+37"/>
        <source>What is wrong, for whom, since when</source>
        <translation>Was ist falsch, für wen, seit wann</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+12"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Why it happens, as far as known</source>
        <translation>Warum es geschieht, soweit bekannt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(not classified)</source>
        <translation>(nicht klassifiziert)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>What agents and users can do until the fix</source>
        <translation>Was Agenten und Benutzer bis zur Behebung tun können</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+70"/>
        <source>Known error: the cause and a workaround are known</source>
        <translation>Bekannter Fehler: Ursache und Workaround sind bekannt</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>The permanent fix</source>
        <translation>Die dauerhafte Behebung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(no change)</source>
        <translation>(keine Änderung)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How the problem was resolved</source>
        <translation>Wie das Problem gelöst wurde</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+65"/>
        <source>Problem &amp;statement</source>
        <translation>Problembeschreib&amp;ung</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Affected ser&amp;vice</source>
        <translation>Betroffener D&amp;ienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Primary &amp;CI</source>
        <translation>Primäres &amp;CI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other affected CIs</source>
        <translation>Weitere betroffene CIs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Impact</source>
        <translation>&amp;Auswirkung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Urgency</source>
        <translation>&amp;Dringlichkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Root cause</source>
        <translation>&amp;Grundursache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cause c&amp;ode</source>
        <translation>Ursachenc&amp;ode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Workaround</source>
        <translation>&amp;Workaround</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fix</source>
        <translation>&amp;Behebung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix c&amp;hange</source>
        <translation>Behebende Ä&amp;nderung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution code</source>
        <translation>Lösungscode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution notes</source>
        <translation>Lösungsbeschreibung</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Unknown service</source>
        <translation>Unbekannter Dienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown CI</source>
        <translation>Unbekanntes CI</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown change</source>
        <translation>Unbekannte Änderung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Known error since {0}</source>
        <translation>Bekannter Fehler seit {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Description</source>
        <translation>Be&amp;schreibung</translation>
    </message>
</context>
<context>
    <name>ProblemPickerDialog</name>
    <message>
        <location filename="../../app/ui/widgets/problem_picker.py" line="+38"/>
        <source>Problem number or words of its title</source>
        <translation>Problemnummer oder Wörter aus dem Titel</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Link</source>
        <translation>&amp;Verknüpfen</translation>
    </message>
    <message>
        <location line="+21"/>
        <source> · known error</source>
        <translation> · bekannter Fehler</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n problem(s)</source>
        <translation>
            <numerusform>%n Problem</numerusform>
            <numerusform>%n Probleme</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No problem matches.</source>
        <translation>Kein Problem passt.</translation>
    </message>
</context>
<context>
    <name>ProblemStrip</name>
    <message>
        <location filename="../../app/ui/ticket/problem_strip.py" line="+21"/>
        <source>same CI</source>
        <translation>gleiches CI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>same service</source>
        <translation>gleicher Dienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>similar words</source>
        <translation>ähnliche Wörter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>its problem</source>
        <translation>verknüpftes Problem</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+73"/>
        <source>Open problem</source>
        <translation>Problem öffnen</translation>
    </message>
    <message>
        <location line="-72"/>
        <location line="+29"/>
        <location line="+48"/>
        <source>Link to problem…</source>
        <translation>Mit Problem verknüpfen…</translation>
    </message>
    <message>
        <location line="-76"/>
        <source>Unlink</source>
        <translation>Verknüpfung lösen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major incident</source>
        <translation>Großstörung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A major incident gets its own view, child incidents and a communication log</source>
        <translation>Eine Großstörung erhält eine eigene Ansicht, untergeordnete Störungen und ein Kommunikationsprotokoll</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Looking for a linked problem…</source>
        <translation>Suche nach einem verknüpften Problem…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>This is a problem: its root cause, workaround, known-error flag and linked incidents are edited on the Problems page.</source>
        <translation>Dies ist ein Problem: Grundursache, Workaround, Kennzeichen „Bekannter Fehler“ und verknüpfte Störungen werden auf der Seite „Probleme“ bearbeitet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Problem: {0}  {1} ({2})</source>
        <translation>Problem: {0}  {1} ({2})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Linked to a problem this desk cannot see.</source>
        <translation>Mit einem Problem verknüpft, das dieses Desk nicht sehen kann.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No problem linked.</source>
        <translation>Kein Problem verknüpft.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part of major incident {0}</source>
        <translation>Teil der Großstörung {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open on the Problems page</source>
        <translation>Auf der Seite „Probleme“ öffnen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Change problem…</source>
        <translation>Problem ändern…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Known error {0} ({1}): {2}
Workaround: {3}</source>
        <translation>Bekannter Fehler {0} ({1}): {2}
Workaround: {3}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Also: {0}</source>
        <translation>Außerdem: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open {0}</source>
        <translation>{0} öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Link to {0}</source>
        <translation>Mit {0} verknüpfen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Link to problem</source>
        <translation>Mit Problem verknüpfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link this incident to the problem that causes it.</source>
        <translation>Diese Störung mit dem Problem verknüpfen, das sie verursacht.</translation>
    </message>
</context>
<context>
    <name>ProblemTableModel</name>
    <message>
        <location filename="../../app/ui/problems/table_model.py" line="+17"/>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CIs</source>
        <translation>CIs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Incidents</source>
        <translation>Störungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Known error since</source>
        <translation>Bekannter Fehler seit</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>{0} ({1} open)</source>
        <translation>{0} ({1} offen)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Workaround: {0}</source>
        <translation>Workaround: {0}</translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message>
        <location filename="../../app/ui/problems/problems_page.py" line="+35"/>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Known errors</source>
        <translation>Bekannte Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major incidents</source>
        <translation>Großstörungen</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Search number, title, workaround, root cause…</source>
        <translation>Nummer, Titel, Workaround, Grundursache suchen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open only</source>
        <translation>Nur offene</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New problem…</source>
        <translation>Neues Problem…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Select a problem to see its analysis, workaround and incidents.</source>
        <translation>Wählen Sie ein Problem, um Analyse, Workaround und Störungen zu sehen.</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>New problem</source>
        <translation>Neues Problem</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem statement (title):</source>
        <translation>Problembeschreibung (Titel):</translation>
    </message>
    <message numerus="yes">
        <location line="+25"/>
        <source>%Ln problem(s)</source>
        <translation>
            <numerusform>%Ln Problem</numerusform>
            <numerusform>%Ln Probleme</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln known error(s)</source>
        <translation>
            <numerusform>%Ln bekannter Fehler</numerusform>
            <numerusform>%Ln bekannte Fehler</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%Ln major incident(s)</source>
        <translation>
            <numerusform>%Ln Großstörung</numerusform>
            <numerusform>%Ln Großstörungen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>newest {0} shown: search or Open only to narrow</source>
        <translation>neueste {0} angezeigt: suchen oder „Nur offene“ zum Eingrenzen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The list could not be loaded: {0}</source>
        <translation>Die Liste konnte nicht geladen werden: {0}</translation>
    </message>
</context>
<context>
    <name>QueueColumns</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="-305"/>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time left</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requester</source>
        <translation>Anfragender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>Aktualisiert</translation>
    </message>
</context>
<context>
    <name>QueuePage</name>
    <message>
        <location filename="../../app/ui/queue/queue_page.py" line="+51"/>
        <source>Ticket count</source>
        <translation>Anzahl der Tickets</translation>
    </message>
    <message>
        <location line="+115"/>
        <source>Filtered tickets</source>
        <translation>Gefilterte Tickets</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Counting…</source>
        <translation>Zähle…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No tickets match</source>
        <translation>Keine passenden Tickets</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No tickets</source>
        <translation>Keine Tickets</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%Ln ticket(s)</source>
        <translation>
            <numerusform>%Ln Ticket</numerusform>
            <numerusform>%Ln Tickets</numerusform>
        </translation>
    </message>
    <message>
        <source>1 ticket</source>
        <translation type="vanished">1 Ticket</translation>
    </message>
    <message>
        <source>{0:,} tickets</source>
        <translation type="vanished">{0:,} Tickets</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>The {0} column cannot be sorted.</source>
        <translation>Nach der Spalte {0} kann nicht sortiert werden.</translation>
    </message>
</context>
<context>
    <name>QueueProblemActions</name>
    <message>
        <location filename="../../app/ui/queue/problem_actions.py" line="+27"/>
        <source>&amp;Link selected to problem…</source>
        <translation>Auswahl mit Problem &amp;verknüpfen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create p&amp;roblem from selected incidents…</source>
        <translation>P&amp;roblem aus ausgewählten Störungen erstellen…</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Link to problem</source>
        <translation>Mit Problem verknüpfen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Link the %n selected incident(s) to a problem. Ctrl+Z undoes.</source>
        <translation>
            <numerusform>Die %n ausgewählte Störung mit einem Problem verknüpfen. Strg+Z macht es rückgängig.</numerusform>
            <numerusform>Die %n ausgewählten Störungen mit einem Problem verknüpfen. Strg+Z macht es rückgängig.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Link to {0}</source>
        <translation>Mit {0} verknüpfen</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+9"/>
        <source>Create problem</source>
        <translation>Problem erstellen</translation>
    </message>
    <message numerus="yes">
        <location line="-8"/>
        <source>Problem statement (title) for the %n selected incident(s):</source>
        <translation>
            <numerusform>Problembeschreibung (Titel) für die %n ausgewählte Störung:</numerusform>
            <numerusform>Problembeschreibung (Titel) für die %n ausgewählten Störungen:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Link to new problem {0}</source>
        <translation>Mit neuem Problem {0} verknüpfen</translation>
    </message>
</context>
<context>
    <name>QueueTableModel</name>
    <message>
        <location filename="../../app/ui/queue/row_display.py" line="+95"/>
        <source>{0} · refused</source>
        <translation>{0} · abgelehnt</translation>
    </message>
</context>
<context>
    <name>QueueTableView</name>
    <message>
        <location filename="../../app/ui/queue/table_view.py" line="+34"/>
        <source>Ticket queue</source>
        <translation>Ticket-Warteschlange</translation>
    </message>
</context>
<context>
    <name>QuickFilterButton</name>
    <message>
        <location filename="../../app/ui/queue/filter_bar.py" line="-87"/>
        <source>Clear</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{0}: {1} chosen</source>
        <translation>{0}: {1} gewählt</translation>
    </message>
</context>
<context>
    <name>RecordSection</name>
    <message>
        <location filename="../../app/ui/reference/section.py" line="+104"/>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Filter</source>
        <translation>Filter</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show retired</source>
        <translation>Stillgelegte anzeigen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>E&amp;xport CSV…</source>
        <translation>CSV e&amp;xportieren…</translation>
    </message>
    <message>
        <location line="+20"/>
        <location line="+130"/>
        <source>Re&amp;tire</source>
        <translation>S&amp;tilllegen</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>&amp;Revert</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>{0} shown, {1} in use, {2} retired</source>
        <translation>{0} angezeigt, {1} in Gebrauch, {2} stillgelegt</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+12"/>
        <location line="+72"/>
        <source>Save or revert your changes first.</source>
        <translation>Speichern oder verwerfen Sie zuerst Ihre Änderungen.</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Nothing selected</source>
        <translation>Nichts ausgewählt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a row in the list, or add one with the New button.</source>
        <translation>Wählen Sie eine Zeile in der Liste oder legen Sie eine mit der Schaltfläche „Neu“ an.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> (retired)</source>
        <translation> (stillgelegt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bring &amp;back</source>
        <translation>&amp;Reaktivieren</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Saved</source>
        <translation>Gespeichert</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{0} rows exported to {1}</source>
        <translation>{0} Zeilen nach {1} exportiert</translation>
    </message>
</context>
<context>
    <name>ReferencePage</name>
    <message>
        <location filename="../../app/ui/reference/reference_page.py" line="+41"/>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Categories</source>
        <translation>Kategorien</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sites</source>
        <translation>Standorte</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>this desk&apos;s user</source>
        <translation>Benutzer dieses Desks</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>you may change every list, groups and their members included.</source>
        <translation>Sie dürfen jede Liste ändern, auch Gruppen und ihre Mitglieder.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>you may change services, categories and sites; groups and members are an administrator&apos;s.</source>
        <translation>Sie dürfen Dienste, Kategorien und Standorte ändern; Gruppen und Mitglieder sind Sache eines Administrators.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>you may add sites; services, categories and sites are changed by managers, groups and members by administrators. Changes you make here are sent, and the server may refuse them.</source>
        <translation>Sie dürfen Standorte hinzufügen; Dienste, Kategorien und Standorte ändern Manager, Gruppen und Mitglieder Administratoren. Ihre Änderungen hier werden gesendet, und der Server kann sie ablehnen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Acting as {0} ({1}) on {2}: {3}</source>
        <translation>Handelnd als {0} ({1}) auf {2}: {3}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Acting as {0}; sign in to the team server to share these lists. The server decides who may change them.</source>
        <translation>Handelnd als {0}; melden Sie sich am Teamserver an, um diese Listen zu teilen. Der Server entscheidet, wer sie ändern darf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Acting as {0} on a desk of its own: every list is yours to change.</source>
        <translation>Handelnd als {0} auf einem eigenen Desk: Jede Liste können Sie ändern.</translation>
    </message>
</context>
<context>
    <name>RefusalBanner</name>
    <message>
        <location filename="../../app/ui/widgets/refusal_banner.py" line="+49"/>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send again</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard…</source>
        <translation>Verwerfen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Details…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The server refused this CI: {0}. It is kept on this desk; change what the server objects to, then send it again.</source>
        <translation>Der Server hat dieses CI abgelehnt: {0}. Es bleibt auf diesem Desk; ändern Sie, was der Server beanstandet, und senden Sie es erneut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server refused {0} of your edits to this CI or its relations: {1}. They stay shown here until you send them again or discard them.</source>
        <translation>Der Server hat {0} Ihrer Bearbeitungen an diesem CI oder seinen Beziehungen abgelehnt: {1}. Diese bleiben hier angezeigt, bis Sie sie erneut senden oder verwerfen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The server refused this change: {0}. It is kept here with everything you typed; change what the server objects to, then send it again.</source>
        <translation>Der Server hat diese Änderung abgelehnt: {0}. Sie bleibt hier mit allem, was Sie eingegeben haben; ändern Sie, was der Server beanstandet, und senden Sie sie erneut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server refused {0} of your edits to this change: {1}. They stay shown here until you send them again or discard them.</source>
        <translation>Der Server hat {0} Ihrer Bearbeitungen an dieser Änderung abgelehnt: {1}. Diese bleiben hier angezeigt, bis Sie sie erneut senden oder verwerfen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server refused this ticket: {0}. It is kept here with everything you typed; change what the server objects to, then send it again.</source>
        <translation>Der Server hat dieses Ticket abgelehnt: {0}. Es bleibt hier mit allem, was Sie eingegeben haben; ändern Sie, was der Server beanstandet, und senden Sie es erneut.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server refused {0} of your changes to this ticket: {1}. They stay shown here until you send them again or discard them.</source>
        <translation>Der Server hat {0} Ihrer Änderungen an diesem Ticket abgelehnt: {1}. Diese bleiben hier angezeigt, bis Sie sie erneut senden oder verwerfen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save or revert your edits first, then send again or discard.</source>
        <translation>Speichern oder verwerfen Sie zuerst Ihre Bearbeitungen, dann senden Sie erneut oder verwerfen Sie.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Delete {0} from this desk? The server never had it, so it is gone for good.</source>
        <translation>{0} von diesem Desk löschen? Der Server hatte es nie, es ist also endgültig weg.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drop your refused edits to {0} and show the server&apos;s values again?</source>
        <translation>Ihre abgelehnten Bearbeitungen an {0} verwerfen und wieder die Werte des Servers anzeigen?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drop your refused changes to {0} and show the server&apos;s values again?</source>
        <translation>Ihre abgelehnten Änderungen an {0} verwerfen und wieder die Werte des Servers anzeigen?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard refused work</source>
        <translation>Abgelehnte Arbeit verwerfen</translation>
    </message>
</context>
<context>
    <name>RelationDialog</name>
    <message>
        <location filename="../../app/ui/cmdb/ci_dialogs.py" line="+44"/>
        <source>Relate {0} to another CI</source>
        <translation>{0} mit einem anderen CI in Beziehung setzen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{0} … (this CI is the source)</source>
        <translation>{0} … (dieses CI ist die Quelle)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} … (the other CI is the source)</source>
        <translation>{0} … (das andere CI ist die Quelle)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This CI</source>
        <translation>Dieses CI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Relation</source>
        <translation>&amp;Beziehung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Other CI</source>
        <translation>&amp;Anderes CI</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Type part of the other CI&apos;s name, then choose it in the list.</source>
        <translation>Tippen Sie einen Teil des Namens des anderen CIs ein und wählen Sie es dann in der Liste.</translation>
    </message>
</context>
<context>
    <name>RelationMap</name>
    <message>
        <location filename="../../app/ui/cmdb/map_scene.py" line="+24"/>
        <source>{0} × {1}</source>
        <translation>{0} × {1}</translation>
    </message>
    <message>
        <location line="+140"/>
        <source>{0}
Double-click to show them one by one</source>
        <translation>{0}
Doppelklick zeigt sie einzeln an</translation>
    </message>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="-57"/>
        <source>Planned</source>
        <translation>Geplant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In stock</source>
        <translation>Auf Lager</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In maintenance</source>
        <translation>In Wartung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retired</source>
        <translation>Stillgelegt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 Mission critical</source>
        <translation>1 Geschäftskritisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>2 High</source>
        <translation>2 Hoch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3 Medium</source>
        <translation>3 Mittel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>4 Low</source>
        <translation>4 Niedrig</translation>
    </message>
</context>
<context>
    <name>RelationMapPanel</name>
    <message>
        <location filename="../../app/ui/cmdb/map_panel.py" line="+70"/>
        <location line="+138"/>
        <source>No CI on the map</source>
        <translation>Kein CI auf der Karte</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>Hops: </source>
        <translation>Ebenen: </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How many relations away from the CI the map reaches</source>
        <translation>Wie viele Beziehungen weit die Karte vom CI aus reicht</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colour by</source>
        <translation>Färben nach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour by status</source>
        <translation>Nach Status färben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Colour by criticality</source>
        <translation>Nach Kritikalität färben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xpand</source>
        <translation>&amp;Erweitern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add the selected CI&apos;s neighbours to the map (or double-click it)</source>
        <translation>Die Nachbarn des ausgewählten CIs zur Karte hinzufügen (oder Doppelklick)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Centre here</source>
        <translation>Hier &amp;zentrieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw the map again around the selected CI</source>
        <translation>Die Karte um das ausgewählte CI neu zeichnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Open CI</source>
        <translation>CI ö&amp;ffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom out (Ctrl+-)</source>
        <translation>Verkleinern (Strg+-)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom in (Ctrl+=)</source>
        <translation>Vergrößern (Strg+=)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit</source>
        <translation>Einpassen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show the whole map (Ctrl+0)</source>
        <translation>Die ganze Karte zeigen (Strg+0)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export</source>
        <translation>Exportieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As PNG image…</source>
        <translation>Als PNG-Bild…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>As SVG drawing…</source>
        <translation>Als SVG-Zeichnung…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Relations:</source>
        <translation>Beziehungen:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Drag to pan · wheel to zoom · double-click or Enter expands · N / P step through</source>
        <translation>Ziehen zum Verschieben · Mausrad zum Zoomen · Doppelklick oder Eingabe erweitert · N / P blättern</translation>
    </message>
    <message>
        <location line="+86"/>
        <location line="+147"/>
        <source>Relation map of {0}</source>
        <translation>Beziehungskarte von {0}</translation>
    </message>
    <message numerus="yes">
        <location line="-134"/>
        <source>%n CI(s) added to the map</source>
        <translation>
            <numerusform>%n CI zur Karte hinzugefügt</numerusform>
            <numerusform>%n CIs zur Karte hinzugefügt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n CI(s)</source>
        <translation>
            <numerusform>%n CI</numerusform>
            <numerusform>%n CIs</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n relation(s)</source>
        <translation>
            <numerusform>%n Beziehung</numerusform>
            <numerusform>%n Beziehungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n CI(s) in groups (double-click a group to open it)</source>
        <translation>
            <numerusform>%n CI in Gruppen (Doppelklick auf eine Gruppe öffnet sie)</numerusform>
            <numerusform>%n CIs in Gruppen (Doppelklick auf eine Gruppe öffnet sie)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n CI(s) hidden by the relation filter</source>
        <translation>
            <numerusform>%n CI durch den Beziehungsfilter ausgeblendet</numerusform>
            <numerusform>%n CIs durch den Beziehungsfilter ausgeblendet</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>; more lie beyond: expand a node or add hops</source>
        <translation>; dahinter liegt mehr: einen Knoten erweitern oder Ebenen hinzufügen</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>open incidents (badge)</source>
        <translation>offene Störungen (Plakette)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Show the CIs in this group</source>
        <translation>Die CIs in dieser Gruppe zeigen</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Expand neighbours</source>
        <translation>Nachbarn erweitern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Centre the map here</source>
        <translation>Karte hier zentrieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open the CI&apos;s record</source>
        <translation>Datensatz des CIs öffnen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Export the relation map</source>
        <translation>Beziehungskarte exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PNG image (*.png)</source>
        <translation>PNG-Bild (*.png)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG drawing (*.svg)</source>
        <translation>SVG-Zeichnung (*.svg)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Relation map</source>
        <translation>Beziehungskarte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The map could not be written to {0}.</source>
        <translation>Die Karte konnte nicht nach {0} geschrieben werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Relation map saved to {0}</source>
        <translation>Beziehungskarte gespeichert unter {0}</translation>
    </message>
</context>
<context>
    <name>RelationMapView</name>
    <message>
        <location filename="../../app/ui/cmdb/map_view.py" line="+27"/>
        <source>Relation map</source>
        <translation>Beziehungskarte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag to pan, wheel or Ctrl+= and Ctrl+- to zoom, Ctrl+0 to fit; N and P select the next or previous CI, Enter expands it</source>
        <translation>Ziehen zum Verschieben, Mausrad oder Strg+= und Strg+- zum Zoomen, Strg+0 zum Einpassen; N und P wählen das nächste oder vorige CI, Eingabe erweitert es</translation>
    </message>
</context>
<context>
    <name>RestingTicket</name>
    <message>
        <location filename="../../app/ui/resting_tabs.py" line="+36"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
</context>
<context>
    <name>ServicesSection</name>
    <message>
        <location filename="../../app/ui/reference/services_section.py" line="+41"/>
        <source>&amp;Import CSV…</source>
        <translation>CSV &amp;importieren…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add and update services from a CSV file, after a preview</source>
        <translation>Dienste aus einer CSV-Datei hinzufügen und aktualisieren, nach einer Vorschau</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+150"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location line="-150"/>
        <location line="+150"/>
        <source>Criticality</source>
        <translation>Kritikalität</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>Owner</source>
        <translation>Verantwortlicher</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Support group</source>
        <translation>Supportgruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+150"/>
        <source>SLA policy</source>
        <translation>SLA-Richtlinie</translation>
    </message>
    <message>
        <location line="-150"/>
        <source>Hours</source>
        <translation>Servicezeiten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New service</source>
        <translation>Neuer &amp;Dienst</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{0} (retired)</source>
        <translation>{0} (stillgelegt)</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+9"/>
        <source>(None)</source>
        <translation>(Keine)</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>This desk&apos;s SLA policy for its tickets</source>
        <translation>Die SLA-Richtlinie dieses Desks für seine Tickets</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Mon-Fri 08:00-18:00; Sat 09:00-12:00, or 24x7</source>
        <translation>Mon-Fri 08:00-18:00; Sat 09:00-12:00 oder 24x7</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Europe/London</source>
        <translation>Europe/Berlin</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Description</source>
        <translation>&amp;Beschreibung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Owner</source>
        <translation>&amp;Verantwortlicher</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Criticality</source>
        <translation>&amp;Kritikalität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SLA &amp;policy</source>
        <translation>SLA-&amp;Richtlinie</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Support &amp;group</source>
        <translation>Support&amp;gruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hours</source>
        <translation>Servicez&amp;eiten</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Time zone</source>
        <translation>&amp;Zeitzone</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>Named on {0} tickets.</source>
        <translation>In {0} Tickets genannt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The SLA policy {0} is not on this desk: its tickets are measured by this desk&apos;s own policies.</source>
        <translation>Die SLA-Richtlinie {0} ist nicht auf diesem Desk: Die Tickets dieses Dienstes werden nach den eigenen Richtlinien dieses Desks gemessen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Supported {0} ({1}).</source>
        <translation>Servicezeiten: {0} ({1}).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A service is retired, never deleted: its tickets keep naming it.</source>
        <translation>Ein Dienst wird stillgelegt, nie gelöscht: seine Tickets nennen ihn weiterhin.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+12"/>
        <source>Import services</source>
        <translation>Dienste importieren</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>CSV (*.csv *.txt)</source>
        <translation>CSV (*.csv *.txt)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>{0}: {1} services read as {2}.</source>
        <translation>{0}: {1} Dienste als {2} gelesen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} new services, {1} already here (matched by name) updated.</source>
        <translation>{0} neue Dienste, {1} bereits vorhandene (nach Name zugeordnet) aktualisiert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Import {0} services</source>
        <translation>{0} Dienste &amp;importieren</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{0} services added, {1} updated, {2} unchanged</source>
        <translation>{0} Dienste hinzugefügt, {1} aktualisiert, {2} unverändert</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="+57"/>
        <source>Mission critical</source>
        <translation>Geschäftskritisch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/settings_dialog.py" line="-186"/>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Takes effect the next time Deskside starts.</source>
        <translation>Wirkt ab dem nächsten Start von Deskside.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Queue columns</source>
        <translation>Spalten der Warteschlange</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tick the columns to show and order them (drag, or Move up / Move down). Widths stay as you set them in the queue.</source>
        <translation>Haken Sie die anzuzeigenden Spalten an und ordnen Sie sie (ziehen oder Nach oben / Nach unten). Die Breiten bleiben, wie Sie sie in der Warteschlange eingestellt haben.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Default location</source>
        <translation>Standardort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <location line="+9"/>
        <location filename="../../build/i18n/extra_strings.py" line="+282"/>
        <source>Store location</source>
        <translation>Speicherort</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Deskside store (*.sqlite3);;All files (*)</source>
        <translation>Deskside-Speicher (*.sqlite3);;Alle Dateien (*)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Urgency: {0}</source>
        <translation>Dringlichkeit: {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Impact: {0}</source>
        <translation>Auswirkung: {0}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Priority for impact {0}, urgency {1}</source>
        <translation>Priorität für Auswirkung {0}, Dringlichkeit {1}</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>The settings could not be saved: {0}</source>
        <translation>Die Einstellungen konnten nicht gespeichert werden: {0}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="-335"/>
        <source>Priority matrix: a higher impact or urgency cannot give a lower priority (a larger number).</source>
        <translation>Prioritätsmatrix: Eine höhere Auswirkung oder Dringlichkeit darf keine niedrigere Priorität (eine größere Zahl) ergeben.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0}: this value cannot be used.</source>
        <translation>{0}: Dieser Wert kann nicht verwendet werden.</translation>
    </message>
    <message>
        <location line="+333"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Path of the local store; empty means the default in the data directory.</source>
        <translation>Pfad des lokalen Speichers; leer bedeutet den Standardort im Datenverzeichnis.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Appearance</source>
        <translation>Darstellung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Theme</source>
        <translation>Farbschema</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light or dark look; &apos;system&apos; follows the desktop&apos;s colour scheme.</source>
        <translation>Helles oder dunkles Aussehen; „Dem System folgen“ übernimmt das Farbschema des Desktops.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tickets</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority matrix</source>
        <translation>Prioritätsmatrix</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority by impact (rows, 1 = high) and urgency (columns, 1 = high): 3x3 values 1..5.</source>
        <translation>Priorität nach Auswirkung (Zeilen, 1 = hoch) und Dringlichkeit (Spalten, 1 = hoch): 3×3 Werte von 1 bis 5.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft autosave (seconds)</source>
        <translation>Entwurf automatisch speichern (Sekunden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How often the ticket editor autosaves a draft of unsaved input.</source>
        <translation>Wie oft der Ticket-Editor einen Entwurf ungespeicherter Eingaben automatisch speichert.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>Synchronisierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>RT custom fields</source>
        <translation>Benutzerdefinierte RT-Felder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request Tracker: the custom fields that hold impact, urgency, category, service and CI, as key=name pairs (impact=Impact; urgency=Urgency; category=Category; service=Service; ci=CI); a key left out keeps that default, key= maps nothing.</source>
        <translation>Request Tracker: die benutzerdefinierten Felder für Auswirkung, Dringlichkeit, Kategorie, Dienst und CI, als Paare Schlüssel=Name (impact=Impact; urgency=Urgency; category=Category; service=Service; ci=CI); ein weggelassener Schlüssel behält seinen Standard, Schlüssel= ordnet nichts zu.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync every (seconds)</source>
        <translation>Synchronisieren alle (Sekunden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How often to sync while online, besides syncing after each edit.</source>
        <translation>Wie oft online synchronisiert wird, zusätzlich zur Synchronisierung nach jeder Bearbeitung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notify me of new mail and tickets</source>
        <translation>Über neue Mails und Tickets benachrichtigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show a desktop notification for new mail on my tickets and new tickets in my groups (after a sync).</source>
        <translation>Eine Desktop-Benachrichtigung für neue Mails zu meinen Tickets und neue Tickets in meinen Gruppen anzeigen (nach einer Synchronisierung).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CA bundle for the server</source>
        <translation>CA-Bundle für den Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A PEM file of certificate authorities to trust for the sync server (a private CA); empty means the system&apos;s. Certificates are always verified.</source>
        <translation>Eine PEM-Datei mit Zertifizierungsstellen, denen für den Synchronisierungsserver vertraut wird (eine private CA); leer bedeutet die des Systems. Zertifikate werden immer überprüft.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service levels</source>
        <translation>Service-Level</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breaching soon within (hours)</source>
        <translation>„SLA bald verletzt“ innerhalb von (Stunden)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Breaching soon view lists open tickets due within this many hours.</source>
        <translation>Die Ansicht „SLA bald verletzt“ listet offene Tickets, die innerhalb so vieler Stunden fällig sind.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changes</source>
        <translation>Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approving (CAB) group</source>
        <translation>Genehmigende Gruppe (CAB)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The approving (CAB) group, by name or id: only its members record CAB decisions on changes, each as themselves. The team server has its own (--cab-group).</source>
        <translation>Die genehmigende Gruppe (CAB), nach Name oder ID: Nur ihre Mitglieder erfassen CAB-Entscheidungen zu Änderungen, jeweils im eigenen Namen. Der Teamserver hat seine eigene (--cab-group).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warn before an SLA breach</source>
        <translation>Vor einer SLA-Verletzung warnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tell me when one of my tickets reaches 75 % of its SLA target or breaches it.</source>
        <translation>Mich benachrichtigen, wenn eines meiner Tickets 75 % seines SLA-Ziels erreicht oder es verletzt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow the system</source>
        <translation>Dem System folgen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light</source>
        <translation>Hell</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dark</source>
        <translation>Dunkel</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <location filename="../../app/ui/calendar/side_panel.py" line="+65"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Risk</source>
        <translation>Risiko</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assignee</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CIs</source>
        <translation>CIs</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Move there</source>
        <translation>Dorthin verschieben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open change</source>
        <translation>Änderung öffnen</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{0} risk</source>
        <translation>Risiko {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Emergency change (striped)</source>
        <translation>Notfalländerung (gestreift)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In conflict (red outline and !)</source>
        <translation>Im Konflikt (roter Rand und !)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Maintenance window</source>
        <translation>Wartungsfenster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blackout / freeze</source>
        <translation>Sperrzeit / Änderungssperre</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>{0} risk, {1}; drag it onto the calendar to plan it</source>
        <translation>Risiko {0}, {1}; ziehen Sie sie in den Kalender, um sie zu planen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unscheduled ({0}): drag onto the calendar</source>
        <translation>Ungeplant ({0}): in den Kalender ziehen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No change selected</source>
        <translation>Keine Änderung ausgewählt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click a change to see its conflicts and its next free slot; drag it to move it, drag an edge to change its length.</source>
        <translation>Klicken Sie auf eine Änderung, um ihre Konflikte und den nächsten freien Termin zu sehen; ziehen Sie sie zum Verschieben, ziehen Sie eine Kante, um die Dauer zu ändern.</translation>
    </message>
    <message numerus="yes">
        <location line="+23"/>
        <source>%Ln conflict(s)</source>
        <translation>
            <numerusform>%Ln Konflikt</numerusform>
            <numerusform>%Ln Konflikte</numerusform>
        </translation>
    </message>
    <message>
        <source>{0} conflict(s)</source>
        <translation type="vanished">{0} Konflikt(e)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No conflicts at these times</source>
        <translation>Keine Konflikte zu diesen Zeiten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Freeze: {0}</source>
        <translation>Änderungssperre: {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Looking for the next free slot…</source>
        <translation>Suche den nächsten freien Termin…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This slot is free.</source>
        <translation>Dieser Termin ist frei.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No free slot within the next 90 days.</source>
        <translation>Kein freier Termin in den nächsten 90 Tagen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next free slot:
{0}</source>
        <translation>Nächster freier Termin:
{0}</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../app/ui/sync/sign_in_dialog.py" line="+33"/>
        <location line="+75"/>
        <source>Sign in to a Deskside server</source>
        <translation>Bei einem Deskside-Server anmelden</translation>
    </message>
    <message>
        <location line="-73"/>
        <source>Sign in to share your team&apos;s desk. Your edits made offline are kept and sent once you are signed in.</source>
        <translation>Melden Sie sich an, um das Desk Ihres Teams zu teilen. Offline vorgenommene Änderungen bleiben erhalten und werden nach der Anmeldung gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Server type</source>
        <translation>Servertyp</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deskside server</source>
        <translation>Deskside-Server</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request Tracker 5</source>
        <translation>Request Tracker 5</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Server address</source>
        <translation>Serveradresse</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>User name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+62"/>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <location line="-60"/>
        <source>Paste an auth token made in RT (Logged in as → Settings → Auth Tokens); it is kept in the system keyring. Request Tracker has no change records and no SLA policies: with RT they stay on this desk, and so do attachment files for now.</source>
        <translation>Fügen Sie ein in RT erstelltes Auth-Token ein (Logged in as → Settings → Auth Tokens); es wird im Schlüsselbund des Systems gespeichert. Request Tracker kennt keine Änderungsdatensätze und keine SLA-Richtlinien: Mit RT bleiben diese auf diesem Desk, vorerst auch Anhangsdateien.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Server &amp;type:</source>
        <translation>Server&amp;typ:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User name:</source>
        <translation>&amp;Benutzername:</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+49"/>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Sign in to Request Tracker</source>
        <translation>Bei Request Tracker anmelden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Auth &amp;token:</source>
        <translation>Auth-T&amp;oken:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Auth token</source>
        <translation>Auth-Token</translation>
    </message>
</context>
<context>
    <name>SimilarIncidentsList</name>
    <message>
        <location filename="../../app/ui/widgets/similar_list.py" line="+41"/>
        <source>Number</source>
        <translation>Nummer</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Why</source>
        <translation>Warum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Score</source>
        <translation>Punkte</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Looking for similar incidents…</source>
        <translation>Suche ähnliche Störungen…</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
        <source>%n similar incident(s), open or from the last 90 days</source>
        <translation>
            <numerusform>%n ähnliche Störung, offen oder aus den letzten 90 Tagen</numerusform>
            <numerusform>%n ähnliche Störungen, offen oder aus den letzten 90 Tagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No open or recent incident looks like this one.</source>
        <translation>Keine offene oder kürzliche Störung ähnelt dieser.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>same CI</source>
        <translation>gleiches CI</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>same service</source>
        <translation>gleicher Dienst</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>words: {0}</source>
        <translation>Wörter: {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>linked to {0}</source>
        <translation>verknüpft mit {0}</translation>
    </message>
</context>
<context>
    <name>SimilarView</name>
    <message>
        <location filename="../../app/ui/ticket/similar_view.py" line="+28"/>
        <source>Link selected</source>
        <translation>Auswahl verknüpfen</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Make children of this major incident</source>
        <translation>Zu untergeordneten Störungen dieser Großstörung machen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Link to {0}</source>
        <translation>Mit {0} verknüpfen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Create problem from this and selected…</source>
        <translation>Problem aus dieser und der Auswahl erstellen…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Create problem</source>
        <translation>Problem erstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem statement (title):</source>
        <translation>Problembeschreibung (Titel):</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%Ln incident(s) linked.</source>
        <translation>
            <numerusform>%Ln Störung verknüpft.</numerusform>
            <numerusform>%Ln Störungen verknüpft.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>{0} created with %Ln incident(s).</source>
        <translation>
            <numerusform>{0} mit %Ln Störung erstellt.</numerusform>
            <numerusform>{0} mit %Ln Störungen erstellt.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SitesSection</name>
    <message>
        <location filename="../../app/ui/reference/sites_section.py" line="+29"/>
        <source>Site</source>
        <translation>Standort</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;New site</source>
        <translation>Neuer &amp;Standort</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} (retired)</source>
        <translation>{0} (stillgelegt)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Europe/London</source>
        <translation>Europe/Berlin</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Time zone</source>
        <translation>&amp;Zeitzone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Address</source>
        <translation>&amp;Adresse</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>{0} people work here. Renaming the site renames it on them; a site is retired, never deleted.</source>
        <translation>{0} Personen arbeiten hier. Eine Umbenennung des Standorts gilt auch für sie; ein Standort wird stillgelegt, nie gelöscht.</translation>
    </message>
</context>
<context>
    <name>SlaNotifier</name>
    <message>
        <location filename="../../app/ui/queue/sla_notifier.py" line="+65"/>
        <source>Your tickets: {0} breached their SLA, {1} at risk of breaching.</source>
        <translation>Ihre Tickets: {0} haben ihr SLA verletzt, {1} drohen es zu verletzen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} of your tickets reached an SLA warning; first {1}: {2}.</source>
        <translation>{0} Ihrer Tickets haben eine SLA-Warnung erreicht; zuerst {1}: {2}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} {1}: {2}.</source>
        <translation>{0} {1}: {2}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SLA breached</source>
        <translation>SLA verletzt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>75 % of the SLA used, due in {0}</source>
        <translation>75 % des SLA verbraucht, fällig in {0}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Service level warning</source>
        <translation>Service-Level-Warnung</translation>
    </message>
</context>
<context>
    <name>SlaPolicyDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/sla_policy_dialog.py" line="+72"/>
        <source>SLA policies</source>
        <translation>SLA-Richtlinien</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+85"/>
        <source>New policy</source>
        <translation>Neue Richtlinie</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Applies to</source>
        <translation>Gilt für</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Holiday calendar</source>
        <translation>Feiertagskalender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Business hours (e.g. 08:00-12:00, 13:00-17:00; empty: closed)</source>
        <translation>Geschäftszeiten (z. B. 08:00-12:00, 13:00-17:00; leer: geschlossen)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Targets in business time (e.g. 30 m, 4 h; empty: not measured)</source>
        <translation>Ziele in Geschäftszeit (z. B. 30 m, 4 h; leer: nicht gemessen)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Response</source>
        <translation>Reaktion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution</source>
        <translation>Lösung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The clocks pause in</source>
        <translation>Die Uhren pausieren bei</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>{0} (inactive)</source>
        <translation>{0} (inaktiv)</translation>
    </message>
    <message numerus="yes">
        <location line="+63"/>
        <source>SLA policy saved; %Ln open ticket(s) measured again.</source>
        <translation>
            <numerusform>SLA-Richtlinie gespeichert; %Ln offenes Ticket neu gemessen.</numerusform>
            <numerusform>SLA-Richtlinie gespeichert; %Ln offene Tickets neu gemessen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SlaStrip</name>
    <message>
        <location filename="../../app/ui/ticket/sla_strip.py" line="+73"/>
        <location line="+3"/>
        <source>Service level</source>
        <translation>Service-Level</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Response</source>
        <translation>Reaktion</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Resolution</source>
        <translation>Lösung</translation>
    </message>
    <message>
        <source>Service level · {0}</source>
        <translation type="vanished">Service-Level · {0}</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>target {0}</source>
        <translation>Ziel {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>canceled {0}</source>
        <translation>abgebrochen {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>answered {0}</source>
        <translation>beantwortet {0}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>resolved {0}</source>
        <translation>gelöst {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>due {0}</source>
        <translation>fällig {0}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} left when it resumes</source>
        <translation>{0} übrig, wenn die Uhr weiterläuft</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>due {0} ({1})</source>
        <translation>fällig {0} ({1})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>elapsed {0} ({1} %)</source>
        <translation>verstrichen {0} ({1} %)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>paused {0}</source>
        <translation>pausiert {0}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>warning {0} %</source>
        <translation>Warnung bei {0} %</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} % of the target used</source>
        <translation>{0} % des Ziels verbraucht</translation>
    </message>
</context>
<context>
    <name>SlaText</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="-170"/>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} m</source>
        <translation>{0} min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} d {1} h</source>
        <translation>{0} T {1} h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} d</source>
        <translation>{0} T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} h {1} m</source>
        <translation>{0} h {1} min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} h</source>
        <translation>{0} h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} overdue</source>
        <translation>{0} überfällig</translation>
    </message>
    <message>
        <location line="+189"/>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At risk</source>
        <translation>Gefährdet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Breached</source>
        <translation>Verletzt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Met</source>
        <translation>Eingehalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Canceled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>n/a</source>
        <translation>k. A.</translation>
    </message>
</context>
<context>
    <name>StateBar</name>
    <message>
        <location filename="../../app/ui/ticket/state_bar.py" line="+19"/>
        <location line="+43"/>
        <source>Move to:</source>
        <translation>Setzen auf:</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Move to {}</source>
        <translation>Auf {} setzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save your changes and move the ticket to {}</source>
        <translation>Änderungen speichern und das Ticket auf {} setzen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>No further moves: this ticket is final.</source>
        <translation>Kein weiterer Statuswechsel: Dieses Ticket ist abgeschlossen.</translation>
    </message>
</context>
<context>
    <name>StoreUpgrade</name>
    <message>
        <location filename="../../app/main.py" line="+146"/>
        <source>&lt;b&gt;Updating the local store for this version of Deskside…&lt;/b&gt;&lt;br&gt;{0}&lt;br&gt;&lt;br&gt;On a large desk this takes a minute or more. If it is interrupted, nothing is lost: it starts again next time.</source>
        <translation>&lt;b&gt;Der lokale Speicher wird für diese Version von Deskside aktualisiert…&lt;/b&gt;&lt;br&gt;{0}&lt;br&gt;&lt;br&gt;Bei einem großen Desk dauert das eine Minute oder länger. Wird es unterbrochen, geht nichts verloren: Es beginnt beim nächsten Start von vorn.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Deskside</source>
        <translation>Deskside</translation>
    </message>
</context>
<context>
    <name>SyncActions</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="-29"/>
        <source>&amp;Sync now</source>
        <translation>&amp;Jetzt synchronisieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel sync</source>
        <translation>Synchronisierung a&amp;bbrechen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Work offline</source>
        <translation>&amp;Offline arbeiten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;onflicts…</source>
        <translation>&amp;Konflikte…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign &amp;in…</source>
        <translation>&amp;Anmelden…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign &amp;out</source>
        <translation>Ab&amp;melden</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../app/ui/sync/controller.py" line="+291"/>
        <source>Deskside is working offline.</source>
        <translation>Deskside arbeitet offline.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to sync to download it.</source>
        <translation>Melden Sie sich zum Synchronisieren an, um sie herunterzuladen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This file has not been downloaded yet. {0}</source>
        <translation>Diese Datei wurde noch nicht heruntergeladen. {0}</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Sync cancelled; it runs again at the next change or in a while.</source>
        <translation>Synchronisierung abgebrochen; sie läuft bei der nächsten Änderung oder in Kürze erneut.</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>{0} on {1}</source>
        <translation>{0} auf {1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Request Tracker: change records and SLA policies stay on this desk; attachment files are not sent to RT yet.</source>
        <translation>Request Tracker: Änderungsdatensätze und SLA-Richtlinien bleiben auf diesem Desk; Anhangsdateien werden noch nicht an RT gesendet.</translation>
    </message>
</context>
<context>
    <name>SyncMessages</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="-317"/>
        <source>The user name or password is wrong.</source>
        <translation>Benutzername oder Passwort ist falsch.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This server needs a newer version of Deskside. Update Deskside to sync; until then you can keep working offline and nothing is lost.</source>
        <translation>Dieser Server braucht eine neuere Version von Deskside. Aktualisieren Sie Deskside, um zu synchronisieren; bis dahin können Sie offline weiterarbeiten, und nichts geht verloren.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never</source>
        <translation>nie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>just now</source>
        <translation>gerade eben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This server runs an older version than this Deskside, so it cannot sync with it. Ask your administrator to update the server; until then you can keep working offline.</source>
        <translation>Dieser Server läuft mit einer älteren Version als dieses Deskside und kann daher nicht damit synchronisieren. Bitten Sie Ihren Administrator, den Server zu aktualisieren; bis dahin können Sie offline weiterarbeiten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signing in failed unexpectedly ({0}). Nothing was changed; try again.</source>
        <translation>Die Anmeldung ist unerwartet fehlgeschlagen ({0}). Nichts wurde geändert; versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} answers, but not as Request Tracker&apos;s REST2 API. Check the address (with RT&apos;s web path, such as https://rt.example.com/rt) and that RT is version 4.4 or newer.</source>
        <translation>{0} antwortet, aber nicht als REST2-API von Request Tracker. Prüfen Sie die Adresse (mit dem Webpfad von RT, etwa https://rt.example.com/rt) und ob RT Version 4.4 oder neuer ist.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The server answered with an error.</source>
        <translation>Der Server hat mit einem Fehler geantwortet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync failed unexpectedly ({0}). Your edits are kept and sync will try again.</source>
        <translation>Die Synchronisierung ist unerwartet fehlgeschlagen ({0}). Ihre Änderungen bleiben erhalten, und die Synchronisierung versucht es erneut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter the server&apos;s address, for example https://desk.example.com.</source>
        <translation>Geben Sie die Adresse des Servers ein, zum Beispiel https://desk.example.com.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address must start with https:// (or http:// for a server on a trusted network).</source>
        <translation>Die Adresse muss mit https:// beginnen (oder http:// für einen Server in einem vertrauenswürdigen Netz).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This is not a valid address.</source>
        <translation>Dies ist keine gültige Adresse.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The address must not contain ? or #.</source>
        <translation>Die Adresse darf kein ? oder # enthalten.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} days ago</source>
        <translation>vor {0} Tagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server name {0} could not be found. Check the address for typing mistakes, and your network connection.</source>
        <translation>Der Servername {0} wurde nicht gefunden. Prüfen Sie die Adresse auf Tippfehler und Ihre Netzwerkverbindung.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing answers at {0}: the connection was refused. Check the address and port, and that the server is running.</source>
        <translation>Unter {0} antwortet nichts: Die Verbindung wurde abgelehnt. Prüfen Sie Adresse und Port und ob der Server läuft.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server {0} did not answer in time. Check your network connection, or try again later.</source>
        <translation>Der Server {0} hat nicht rechtzeitig geantwortet. Prüfen Sie Ihre Netzwerkverbindung oder versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server at {0} closed the connection without answering. If it expects HTTPS, use an address starting with https:// instead.</source>
        <translation>Der Server unter {0} hat die Verbindung ohne Antwort geschlossen. Erwartet er HTTPS, verwenden Sie eine Adresse, die mit https:// beginnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too many attempts. Wait {0} seconds, then try again.</source>
        <translation>Zu viele Versuche. Warten Sie {0} Sekunden und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} Your edits are kept and are sent once you sign in.</source>
        <translation>{0} Ihre Änderungen bleiben erhalten und werden gesendet, sobald Sie sich anmelden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your sign-in has expired; please sign in again.</source>
        <translation>Ihre Anmeldung ist abgelaufen; bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server {0} cannot be reached. Check the address and your network connection.</source>
        <translation>Der Server {0} ist nicht erreichbar. Prüfen Sie die Adresse und Ihre Netzwerkverbindung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The server at {0} does not speak HTTPS. If it is a Deskside server on a trusted network without TLS, use an address starting with http:// instead.</source>
        <translation>Der Server unter {0} spricht kein HTTPS. Ist es ein Deskside-Server in einem vertrauenswürdigen Netz ohne TLS, verwenden Sie eine Adresse, die mit http:// beginnt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The certificate of {0} could not be verified, so nothing was sent. If your organisation uses its own certificate authority, set its CA bundle in Settings → Sync.</source>
        <translation>Das Zertifikat von {0} konnte nicht überprüft werden, daher wurde nichts gesendet. Verwendet Ihre Organisation eine eigene Zertifizierungsstelle, tragen Sie deren CA-Bundle unter Einstellungen → Synchronisierung ein.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A secure connection to {0} could not be set up, so nothing was sent.</source>
        <translation>Eine sichere Verbindung zu {0} konnte nicht aufgebaut werden, daher wurde nichts gesendet.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} answers, but not as a Deskside server. Check the address (it is the one your administrator gave you, without a path).</source>
        <translation>{0} antwortet, aber nicht als Deskside-Server. Prüfen Sie die Adresse (die Ihr Administrator Ihnen gegeben hat, ohne Pfad).</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>The address</source>
        <translation>Die Adresse</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>The server had a problem and could not sign you in (error {0}). Try again in a while; if it persists, tell your administrator.</source>
        <translation>Der Server hatte ein Problem und konnte Sie nicht anmelden (Fehler {0}). Versuchen Sie es später erneut; hält es an, wenden Sie sich an Ihren Administrator.</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>(unknown)</source>
        <translation>(unbekannt)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request Tracker refused this auth token (mistyped, revoked or expired). Create one in RT under Logged in as → Settings → Auth Tokens, and paste it whole (it looks like 1-23-0123abcd…).</source>
        <translation>Request Tracker hat dieses Auth-Token abgelehnt (vertippt, widerrufen oder abgelaufen). Erstellen Sie eines in RT unter Logged in as → Settings → Auth Tokens und fügen Sie es vollständig ein (es sieht aus wie 1-23-0123abcd…).</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{0} min ago</source>
        <translation>vor {0} min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} h ago</source>
        <translation>vor {0} h</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <location filename="../../app/ui/sync/status_widget.py" line="+20"/>
        <source>Not signed in</source>
        <translation>Nicht angemeldet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Working offline</source>
        <translation>Arbeitet offline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting…</source>
        <translation>Verbinden…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Syncing…</source>
        <translation>Synchronisierung…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync error</source>
        <translation>Synchronisierungsfehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to sync</source>
        <translation>Zum Synchronisieren anmelden</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Sync: {0}</source>
        <translation>Sync: {0}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Offline, retrying in {0} s</source>
        <translation>Offline, neuer Versuch in {0} s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline, retrying in {0} min</source>
        <translation>Offline, neuer Versuch in {0} min</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Sending {0} of {1}</source>
        <translation>Sende {0} von {1}</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Uploading {0} of {1}</source>
        <translation>Lade {0} von {1} hoch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Downloading {0} of {1}</source>
        <translation>Lade {0} von {1} herunter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updating SLA and KPI figures: {0} of {1}</source>
        <translation>SLA- und KPI-Werte werden aktualisiert: {0} von {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} of {1}</source>
        <translation>{0} von {1}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Syncing… {0} changes received</source>
        <translation>Synchronisiere… {0} Änderungen empfangen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{0} pending</source>
        <translation>{0} ausstehend</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} saved edits wait to be sent to the server.</source>
        <translation>{0} gespeicherte Änderungen warten darauf, an den Server gesendet zu werden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Synced {0}</source>
        <translation>Synchronisiert {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last synced at {0}</source>
        <translation>Zuletzt synchronisiert am {0}</translation>
    </message>
</context>
<context>
    <name>SyncUi</name>
    <message>
        <location filename="../../app/ui/sync/install.py" line="+78"/>
        <source>S&amp;ync</source>
        <translation>S&amp;ynchronisierung</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Sync now (F9)</source>
        <translation>Jetzt synchronisieren (F9)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Work offline: no network at all until switched off</source>
        <translation>Offline arbeiten: gar kein Netzwerk, bis es ausgeschaltet wird</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Working offline: switch it off in the Sync menu to sync.</source>
        <translation>Offline-Modus: Schalten Sie ihn im Menü „Synchronisierung“ aus, um zu synchronisieren.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>{0} of your changes need a decision: see Sync → Conflicts.</source>
        <translation>{0} Ihrer Änderungen brauchen eine Entscheidung: siehe Synchronisierung → Konflikte.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>OK</source>
        <translation>OK</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{0} ({1}) on {2}</source>
        <translation>{0} ({1}) auf {2}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} on {1}</source>
        <translation>{0} auf {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edits are made as {0} and synced with {1}; the server decides what your role may change.</source>
        <translation>Sie arbeiten als {0}, synchronisiert mit {1}; der Server entscheidet, was Ihre Rolle ändern darf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not signed in: working locally as {0}</source>
        <translation>Nicht angemeldet: lokal als {0} tätig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edits are saved on this computer as {0} and sent when you sign in again.</source>
        <translation>Änderungen werden auf diesem Computer als {0} gespeichert und gesendet, wenn Sie sich wieder anmelden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sign in…</source>
        <translation>Anmelden…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>C&amp;onflicts ({0})…</source>
        <translation>K&amp;onflikte ({0})…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>C&amp;onflicts…</source>
        <translation>K&amp;onflikte…</translation>
    </message>
</context>
<context>
    <name>SyncValues</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="+6"/>
        <source>A change to this ticket</source>
        <translation>Eine Änderung an diesem Ticket</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(none)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown ({0})</source>
        <translation>Unbekannt ({0})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New ticket “{0}”</source>
        <translation>Neues Ticket „{0}“</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note: {0}</source>
        <translation>Notiz: {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachment {0}</source>
        <translation>Anhang {0}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} of 5</source>
        <translation>{0} von 5</translation>
    </message>
    <message>
        <location line="+280"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Impact</source>
        <translation>Auswirkung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgency</source>
        <translation>Dringlichkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configuration item</source>
        <translation>Konfigurationselement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requester</source>
        <translation>Anfragender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignment group</source>
        <translation>Zuweisungsgruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CC</source>
        <translation>CC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfaction</source>
        <translation>Zufriedenheit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On-hold reason</source>
        <translation>Wartegrund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution code</source>
        <translation>Lösungscode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution notes</source>
        <translation>Lösungsbeschreibung</translation>
    </message>
</context>
<context>
    <name>TemplatePicker</name>
    <message>
        <location filename="../../app/ui/ticket/template_picker.py" line="-120"/>
        <source>Insert a template</source>
        <translation>Vorlage einfügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search templates by name or text…</source>
        <translation>Vorlagen nach Name oder Text suchen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search templates</source>
        <translation>Vorlagen suchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Templates</source>
        <translation>Vorlagen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Template text</source>
        <translation>Vorlagentext</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Insert</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>shared</source>
        <translation>geteilt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mine</source>
        <translation>eigene</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No template matches. Templates are made on the Macros page (View menu).</source>
        <translation>Keine Vorlage passt. Vorlagen werden auf der Seite „Makros“ angelegt (Menü Ansicht).</translation>
    </message>
</context>
<context>
    <name>TemplatesTab</name>
    <message>
        <location filename="../../app/ui/macros/templates_tab.py" line="+28"/>
        <source>Template text</source>
        <translation>Vorlagentext</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hello {{requester.first_name}}, …</source>
        <translation>Hallo {{requester.first_name}}, …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;For</source>
        <translation>&amp;Für</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Variables such as {{ticket.number}} are filled in for the ticket when the template is inserted (Ctrl+Shift+T in a ticket&apos;s composer).</source>
        <translation>Variablen wie {{ticket.number}} werden für das Ticket ausgefüllt, wenn die Vorlage eingefügt wird (Strg+Umschalt+T im Antwortfeld eines Tickets).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>shared</source>
        <translation>geteilt</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>mine</source>
        <translation>eigene</translation>
    </message>
</context>
<context>
    <name>TicketEditor</name>
    <message>
        <location filename="../../app/ui/ticket/editor.py" line="+147"/>
        <location filename="../../build/i18n/extra_strings.py" line="-291"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Ticket not available</source>
        <translation>Ticket nicht verfügbar</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{} saved</source>
        <translation>{} gespeichert</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This ticket was changed elsewhere since you opened it, so nothing was saved. Reload (your edits are kept), then save again.</source>
        <translation>Dieses Ticket wurde seit dem Öffnen an anderer Stelle geändert, daher wurde nichts gespeichert. Laden Sie es neu (Ihre Änderungen bleiben erhalten) und speichern Sie dann erneut.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Move to {}</source>
        <translation>Auf {} setzen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move {} to {}? No further moves are possible after that.</source>
        <translation>{} auf {} setzen? Danach ist kein weiterer Statuswechsel mehr möglich.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the changes to {}?</source>
        <translation>Änderungen an {} speichern?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>If you don&apos;t save, your changes are lost.</source>
        <translation>Wenn Sie nicht speichern, gehen Ihre Änderungen verloren.</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Unsaved changes from {} were recovered.</source>
        <translation>Ungespeicherte Änderungen vom {} wurden wiederhergestellt.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>This ticket was changed elsewhere. Reload to see the changes; your unsaved edits are kept.</source>
        <translation>Dieses Ticket wurde an anderer Stelle geändert. Laden Sie es neu, um die Änderungen zu sehen; Ihre ungespeicherten Änderungen bleiben erhalten.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>{0} of your changes to this ticket conflict with changes made on the server. Decide which to keep.</source>
        <translation>{0} Ihrer Änderungen an diesem Ticket kollidieren mit Änderungen auf dem Server. Entscheiden Sie, was bleiben soll.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One of your changes to this ticket conflicts with a change made on the server. Decide which to keep.</source>
        <translation>Eine Ihrer Änderungen an diesem Ticket kollidiert mit einer Änderung auf dem Server. Entscheiden Sie, was bleiben soll.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolve…</source>
        <translation>Auflösen…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="-5"/>
        <source>Re&amp;vert</source>
        <translation>Verwer&amp;fen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Throw away the unsaved changes</source>
        <translation>Die ungespeicherten Änderungen verwerfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the changes (Ctrl+S)</source>
        <translation>Änderungen speichern (Strg+S)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Histor&amp;y</source>
        <translation>H&amp;istorie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simi&amp;lar</source>
        <translation>&amp;Ähnliche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saving…</source>
        <translation>Wird gespeichert…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Worklog ({})</source>
        <translation>Arbeitsn&amp;otizen ({})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachment&amp;s ({})</source>
        <translation>An&amp;hänge ({})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lin&amp;ks ({})</source>
        <translation>&amp;Verknüpfungen ({})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{0} is {1}, and a {1} ticket is final: its fields can no longer be changed. Internal notes can still be added.</source>
        <translation>{0} ist {1}, und ein Ticket im Status {1} ist abgeschlossen: seine Felder können nicht mehr geändert werden. Interne Notizen lassen sich weiterhin hinzufügen.</translation>
    </message>
</context>
<context>
    <name>TicketFieldsForm</name>
    <message>
        <location filename="../../app/ui/ticket/fields_form.py" line="+90"/>
        <source>T&amp;ype</source>
        <translation>T&amp;yp</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A short summary of the issue or request</source>
        <translation>Eine kurze Zusammenfassung des Problems oder der Anfrage</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Description</source>
        <translation>&amp;Beschreibung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Impact</source>
        <translation>Aus&amp;wirkung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Urgency</source>
        <translation>&amp;Dringlichkeit</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Priority</source>
        <translation>&amp;Priorität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Category</source>
        <translation>&amp;Kategorie</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+1"/>
        <location line="+1"/>
        <location line="+13"/>
        <location line="+6"/>
        <location line="+1"/>
        <source>(None)</source>
        <translation>(Keine)</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>S&amp;ervice</source>
        <translation>Dien&amp;st</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configuration ite&amp;m</source>
        <translation>Konfigurations&amp;element</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Requester</source>
        <translation>&amp;Anfragender</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mail addresses copied on the ticket&apos;s mail, separated by commas</source>
        <translation>Mailadressen in Kopie, durch Kommas getrennt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The team server copies replies and ticket events (not the survey) to these addresses; a mail from one of them is added to the ticket.</source>
        <translation>Der Teamserver sendet Antworten und Ticketereignisse (nicht die Umfrage) in Kopie an diese Adressen; eine Mail von einer davon wird dem Ticket hinzugefügt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>CC (&amp;watchers)</source>
        <translation>&amp;CC (Beobachter)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignment &amp;group</source>
        <translation>&amp;Zuweisungsgruppe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Assignee</source>
        <translation>Bearbeite&amp;r</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>(Unassigned)</source>
        <translation>(Nicht zugewiesen)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hannel</source>
        <translation>Ka&amp;nal</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>O&amp;n-hold reason</source>
        <translation>Warte&amp;grund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reso&amp;lution code</source>
        <translation>&amp;Lösungscode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution note&amp;s</source>
        <translation>Lösungsbeschreib&amp;ung</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Record satisfaction…</source>
        <translation>Zufriedenheit erfassen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Record the requester&apos;s answer and where it came from</source>
        <translation>Die Antwort des Anfragenden erfassen und woher sie kam</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>Satisfaction</source>
        <translation>Zufriedenheit</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Not rated</source>
        <translation>Nicht bewertet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{0} of 5, from the requester&apos;s survey, {1}</source>
        <translation>{0} von 5, aus der Umfrage an den Anfragenden, {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} of 5, from {1}</source>
        <translation>{0} von 5, über {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{0} of 5 (recorded on another desk)</source>
        <translation>{0} von 5 (auf einem anderen Desk erfasst)</translation>
    </message>
    <message>
        <location line="+49"/>
        <location line="+13"/>
        <location line="+68"/>
        <source>Unknown (not in this desk&apos;s data)</source>
        <translation>Unbekannt (nicht in den Daten dieses Desks)</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>{} (not in this group)</source>
        <translation>{} (nicht in dieser Gruppe)</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>{0} (retired)</source>
        <translation>{0} (stillgelegt)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>The title is required.</source>
        <translation>Der Titel ist erforderlich.</translation>
    </message>
</context>
<context>
    <name>TicketHeader</name>
    <message>
        <location filename="../../app/ui/ticket/header.py" line="+70"/>
        <source>State: {}</source>
        <translation>Status: {}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Priority: {}</source>
        <translation>Priorität: {}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened {}</source>
        <translation>Eröffnet {}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>updated {}</source>
        <translation>aktualisiert {}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Requested by {}</source>
        <translation>Angefragt von {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>first response {}</source>
        <translation>erste Reaktion {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>resolved {}</source>
        <translation>gelöst {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reopened {} times</source>
        <translation>{}-mal wiedereröffnet</translation>
    </message>
</context>
<context>
    <name>TicketLabels</name>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="+7"/>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Impact</source>
        <translation>Auswirkung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Urgency</source>
        <translation>Dringlichkeit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Priority override</source>
        <translation>Priorität überschrieben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Category</source>
        <translation>Kategorie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>Dienst</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Configuration item</source>
        <translation>Konfigurationselement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requester</source>
        <translation>Anfragender</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignment group</source>
        <translation>Zuweisungsgruppe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assignee</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CC</source>
        <translation>CC</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Satisfaction</source>
        <translation>Zufriedenheit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On-hold reason</source>
        <translation>Wartegrund</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution code</source>
        <translation>Lösungscode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution notes</source>
        <translation>Lösungsbeschreibung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachment added</source>
        <translation>Anhang hinzugefügt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Link added</source>
        <translation>Verknüpfung hinzugefügt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public reply added</source>
        <translation>Öffentliche Antwort hinzugefügt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Internal note added</source>
        <translation>Interne Notiz hinzugefügt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First response</source>
        <translation>Erste Reaktion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolved at</source>
        <translation>Gelöst am</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed at</source>
        <translation>Geschlossen am</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Times reopened</source>
        <translation>Wiedereröffnungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Macro applied</source>
        <translation>Makro angewendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsent public reply withdrawn (undo)</source>
        <translation>Nicht gesendete öffentliche Antwort zurückgezogen (rückgängig)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unsent internal note withdrawn (undo)</source>
        <translation>Nicht gesendete interne Notiz zurückgezogen (rückgängig)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major incident</source>
        <translation>Großstörung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Major incident flag</source>
        <translation>Kennzeichen Großstörung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Root cause</source>
        <translation>Grundursache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cause code</source>
        <translation>Ursachencode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workaround</source>
        <translation>Workaround</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix</source>
        <translation>Behebung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fix change</source>
        <translation>Behebende Änderung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Known error</source>
        <translation>Bekannter Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Known error since</source>
        <translation>Bekannter Fehler seit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Communication update added</source>
        <translation>Kommunikationsmeldung hinzugefügt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workaround sent as a reply</source>
        <translation>Workaround als Antwort gesendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workaround reply withdrawn</source>
        <translation>Workaround-Antwort zurückgezogen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workaround published to</source>
        <translation>Workaround veröffentlicht an</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(none)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(reply)</source>
        <translation>(Antwort)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} min</source>
        <translation>{} min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} h {} min</source>
        <translation>{} h {} min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} h</source>
        <translation>{} h</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} of 5</source>
        <translation>{} von 5</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown ({})</source>
        <translation>Unbekannt ({})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>linked ({})</source>
        <translation>verknüpft ({})</translation>
    </message>
</context>
<context>
    <name>TicketTableModel</name>
    <message>
        <location filename="../../app/ui/queue/table_model.py" line="+451"/>
        <source>The server refused work of this ticket. It is kept here as you made it: open the ticket to send it again or discard it.</source>
        <translation>Der Server hat Arbeit an diesem Ticket abgelehnt. Die Arbeit bleibt hier, wie Sie sie vorgenommen haben: Öffnen Sie das Ticket, um sie erneut zu senden oder zu verwerfen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Due {0}</source>
        <translation>Fällig {0}</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <location filename="../../app/ui/calendar/timeline_view.py" line="+38"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location line="+162"/>
        <source>Configuration item</source>
        <translation>Konfigurationselement</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Assignee</source>
        <translation>Bearbeiter</translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message>
        <location filename="../../app/ui/ticket/transition_dialog.py" line="+28"/>
        <location line="+20"/>
        <source>Move to {}</source>
        <translation>Auf {} setzen</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Why is the ticket on hold?</source>
        <translation>Warum ist das Ticket zurückgestellt?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Reason</source>
        <translation>&amp;Grund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How was the ticket resolved?</source>
        <translation>Wie wurde das Ticket gelöst?</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Resolution notes</source>
        <translation>Lösungsbeschreibung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resolution &amp;code</source>
        <translation>Lösungs&amp;code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Resolution &amp;notes</source>
        <translation>Lösungs&amp;beschreibung</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(Choose…)</source>
        <translation>(Auswählen…)</translation>
    </message>
</context>
<context>
    <name>ViewsPanel</name>
    <message>
        <location filename="../../app/ui/queue/views_panel.py" line="+26"/>
        <source>Saved views</source>
        <translation>Gespeicherte Ansichten</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Delete view</source>
        <translation>Ansicht löschen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saved by you</source>
        <translation>Von Ihnen gespeichert</translation>
    </message>
</context>
<context>
    <name>WindowDialogs</name>
    <message>
        <location filename="../../app/ui/window_dialogs.py" line="+57"/>
        <source>Settings saved. The new priority matrix applies to the next priority change.</source>
        <translation>Einstellungen gespeichert. Die neue Prioritätsmatrix gilt ab der nächsten Prioritätsänderung.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Settings saved. The new store location is used from the next start.</source>
        <translation>Einstellungen gespeichert. Der neue Speicherort wird ab dem nächsten Start verwendet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings saved.</source>
        <translation>Einstellungen gespeichert.</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>&lt;tr&gt;&lt;td&gt;Move in the queue&lt;/td&gt;&lt;td&gt;&lt;b&gt;↑ ↓ / j k&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</source>
        <translation>&lt;tr&gt;&lt;td&gt;In der Warteschlange bewegen&lt;/td&gt;&lt;td&gt;&lt;b&gt;↑ ↓ / j k&lt;/b&gt;&lt;/td&gt;&lt;/tr&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>About Deskside</source>
        <translation>Über Deskside</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Deskside {0}&lt;/b&gt;&lt;br&gt;A native service desk that works offline.&lt;br&gt;Store: {1}</source>
        <translation>&lt;b&gt;Deskside {0}&lt;/b&gt;&lt;br&gt;Ein natives Service-Desk, das auch offline funktioniert.&lt;br&gt;Speicher: {1}</translation>
    </message>
</context>
<context>
    <name>WindowsDialog</name>
    <message>
        <location filename="../../app/ui/changes/windows_dialog.py" line="+52"/>
        <source>Maintenance windows, freezes and holidays</source>
        <translation>Wartungsfenster, Änderungssperren und Feiertage</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+94"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="-94"/>
        <location line="+93"/>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>Recurrence</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+97"/>
        <source>Time zone</source>
        <translation>Zeitzone</translation>
    </message>
    <message>
        <location line="-93"/>
        <source>New window</source>
        <translation>Neues Fenster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Import holidays (.ics)…</source>
        <translation>Feiertage importieren (.ics)…</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Maintenance window</source>
        <translation>Wartungsfenster</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blackout / freeze</source>
        <translation>Sperrzeit / Änderungssperre</translation>
    </message>
    <message>
        <location line="+9"/>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Empty: one-off. E.g. FREQ=WEEKLY;BYDAY=SU or FREQ=MONTHLY;BYDAY=2SA</source>
        <translation>Leer: einmalig. Z. B. FREQ=WEEKLY;BYDAY=SU oder FREQ=MONTHLY;BYDAY=2SA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applies to everything</source>
        <translation>Gilt für alles</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Blocking: changes cannot be scheduled inside it</source>
        <translation>Blockierend: Änderungen können darin nicht geplant werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save window</source>
        <translation>Fenster speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Starts (wall time)</source>
        <translation>Beginnt (Ortszeit)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lasts</source>
        <translation>Dauert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Repeats (RRULE)</source>
        <translation>Wiederholt sich (RRULE)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scope</source>
        <translation>Geltungsbereich</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Services</source>
        <translation>Dienste</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>CIs</source>
        <translation>CIs</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Maintenance</source>
        <translation>Wartung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Freeze</source>
        <translation>Änderungssperre</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blackout (warning)</source>
        <translation>Sperrzeit (Warnung)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one-off</source>
        <translation>einmalig</translation>
    </message>
    <message>
        <location line="+68"/>
        <source>{0} services: {1}</source>
        <translation>{0} Dienste: {1}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No services chosen.</source>
        <translation>Keine Dienste gewählt.</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Saved &quot;{0}&quot;.</source>
        <translation>„{0}“ gespeichert.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Window deleted.</source>
        <translation>Fenster gelöscht.</translation>
    </message>
</context>
<context>
    <name>WorkaroundDialog</name>
    <message>
        <location filename="../../app/ui/problems/workaround_dialog.py" line="+19"/>
        <source>Publish workaround of {0}</source>
        <translation>Workaround von {0} veröffentlichen</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>This public reply goes to %Ln open linked incident(s); their requesters get it by mail.</source>
        <translation>
            <numerusform>Diese öffentliche Antwort geht an %Ln offene verknüpfte Störung; deren Anfragende erhalten sie per Mail.</numerusform>
            <numerusform>Diese öffentliche Antwort geht an %Ln offene verknüpfte Störungen; deren Anfragende erhalten sie per Mail.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No open linked incident is waiting for this workaround.</source>
        <translation>Keine offene verknüpfte Störung wartet auf diesen Workaround.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Left out: {0}</source>
        <translation>Ausgelassen: {0}</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>&amp;Send to %Ln incident(s)</source>
        <translation>
            <numerusform>An %Ln Störung &amp;senden</numerusform>
            <numerusform>An %Ln Störungen &amp;senden</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Reply:</source>
        <translation>Antwort:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Incidents:</source>
        <translation>Störungen:</translation>
    </message>
</context>
<context>
    <name>WorklogDelegate</name>
    <message>
        <location filename="../../app/ui/ticket/worklog_delegate.py" line="+200"/>
        <source>Worklog entry text</source>
        <translation>Text der Arbeitsnotiz</translation>
    </message>
</context>
<context>
    <name>WorklogList</name>
    <message>
        <location filename="../../app/ui/ticket/worklog_list.py" line="+63"/>
        <source>View original</source>
        <translation>Original anzeigen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save original as…</source>
        <translation>Original speichern unter…</translation>
    </message>
</context>
<context>
    <name>WorklogView</name>
    <message>
        <location filename="../../app/ui/ticket/worklog_view.py" line="+63"/>
        <source>Worklog</source>
        <translation>Arbeitsnotizen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New worklog entry</source>
        <translation>Neue Arbeitsnotiz</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pu&amp;blic reply</source>
        <translation>&amp;Antwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interna&amp;l note</source>
        <translation>Interne &amp;Notiz</translation>
    </message>
    <message>
        <location line="+8"/>
        <source> min</source>
        <translation> min</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time spent in minutes</source>
        <translation>Aufgewendete Zeit in Minuten</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reply given by</source>
        <translation>Antwort gegeben über</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Given by</source>
        <translation>&amp;Über</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Time spe&amp;nt</source>
        <translation>Auf&amp;wand</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>{0} is final: it takes internal notes, not replies.</source>
        <translation>{0} ist abgeschlossen: es nimmt nur interne Notizen an, keine Antworten.</translation>
    </message>
    <message>
        <location line="+90"/>
        <source>Public reply given by {}: recorded here, not mailed. It counts as the first response now.</source>
        <translation>Öffentliche Antwort über {} gegeben: hier erfasst, nicht gemailt. Sie zählt jetzt als erste Reaktion.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Mail needs a team server: this desk works alone and mails nothing. Record how you gave the reply (Given by), or it does not reach the requester.</source>
        <translation>Mail braucht einen Teamserver: Dieses Desk arbeitet allein und versendet keine Mails. Erfassen Sie unter „Über“, wie Sie die Antwort gegeben haben, sonst erreicht sie den Anfragenden nicht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The team server does not send mail: this reply is not mailed. Record how you gave it (Given by), or it does not reach the requester.</source>
        <translation>Der Teamserver versendet keine Mails: Diese Antwort wird nicht gemailt. Erfassen Sie unter „Über“, wie Sie sie gegeben haben, sonst erreicht sie den Anfragenden nicht.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The requester has no mail address: the team server cannot mail this reply. Record how you gave it (Given by).</source>
        <translation>Der Anfragende hat keine Mailadresse: Der Teamserver kann diese Antwort nicht mailen. Erfassen Sie unter „Über“, wie Sie sie gegeben haben.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mailed to {} by the team server (the response clock stops when it is sent).</source>
        <translation>Vom Teamserver an {} gemailt (die Reaktionsuhr stoppt beim Versand).</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Mail (team server)</source>
        <translation>Mail (Teamserver)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Not given yet</source>
        <translation>Noch offen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Write here; Ctrl+Shift+T inserts a template, Ctrl+Enter adds it to the worklog.</source>
        <translation>Hier schreiben; Strg+Umschalt+T: Vorlage einfügen, Strg+Eingabe: Eintrag hinzufügen.</translation>
    </message>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="+22"/>
        <source>Original request</source>
        <translation>Ursprüngliche Anfrage</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>(No description)</source>
        <translation>(Keine Beschreibung)</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>The requester&apos;s mail, received by the team server.</source>
        <translation>Die Mail des Anfragenden, empfangen vom Teamserver.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not mailed yet</source>
        <translation>Noch nicht gemailt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A team server with mail set up sends it once this reply reaches it; a desk without a team server mails nothing.</source>
        <translation>Ein Teamserver mit eingerichtetem Mailversand sendet sie, sobald diese Antwort ihn erreicht; ein Desk ohne Teamserver versendet keine Mails.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received by mail</source>
        <translation>Per Mail empfangen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recorded as given through another channel: the team server does not mail it.</source>
        <translation>Als über einen anderen Kanal gegeben erfasst: Der Teamserver mailt sie nicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail queued</source>
        <translation>Mail in Warteschlange</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received by mail · right-click: View original</source>
        <translation>Per Mail empfangen · Rechtsklick: Original anzeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The requester&apos;s mail server accepted this reply at {}.</source>
        <translation>Der Mailserver des Anfragenden hat diese Antwort am {} angenommen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The team server has it and will send it shortly.</source>
        <translation>Der Teamserver hat sie und sendet sie in Kürze.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{} wrote by mail</source>
        <translation>{} schrieb per Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The requester</source>
        <translation>Der Anfragende</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>View original opens the mail as it arrived (.eml).</source>
        <translation>„Original anzeigen“ öffnet die Mail so, wie sie ankam (.eml).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given by {}, not mailed</source>
        <translation>Über {} gegeben, nicht gemailt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mailed at {}</source>
        <translation>Gemailt am {}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail failed: {}</source>
        <translation>Mailversand fehlgeschlagen: {}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no reason given</source>
        <translation>kein Grund angegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not delivered: the requester did not get this reply by mail. {}</source>
        <translation>Nicht zugestellt: Der Anfragende hat diese Antwort nicht per Mail erhalten. {}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail bounced: {}</source>
        <translation>Mail unzustellbar: {}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent, then returned undelivered by the requester&apos;s mail system. {}</source>
        <translation>Gesendet, dann vom Mailsystem des Anfragenden als unzustellbar zurückgeschickt. {}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Public reply</source>
        <translation>Öffentliche Antwort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Communication update</source>
        <translation>Kommunikationsmeldung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The team server will send it; last try: {}</source>
        <translation>Der Teamserver wird sie senden; letzter Versuch: {}</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Internal note</source>
        <translation>Interne Notiz</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket/worklog_view.py" line="-102"/>
        <source>Public replies: {} · Internal notes: {} · Time logged: {}</source>
        <translation>Öffentliche Antworten: {} · Interne Notizen: {} · Erfasste Zeit: {}</translation>
    </message>
    <message>
        <location filename="../../build/i18n/extra_strings.py" line="+17"/>
        <source>{} spent</source>
        <translation>{} aufgewendet</translation>
    </message>
    <message>
        <location filename="../../app/ui/ticket/worklog_view.py" line="+95"/>
        <source>Send reply</source>
        <translation>Antwort senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record reply</source>
        <translation>Antwort erfassen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Internal note: only agents see this.</source>
        <translation>Interne Notiz: nur Agenten sehen sie.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add note</source>
        <translation>Notiz hinzufügen</translation>
    </message>
</context>
<context>
    <name>host</name>
    <message>
        <location filename="../../app/ui/changes/editor_ui.py" line="-88"/>
        <source>No further moves: the change is finished.</source>
        <translation>Kein weiterer Statuswechsel: Die Änderung ist abgeschlossen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revert</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Implementation plan</source>
        <translation>Umsetzungsplan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Backout plan</source>
        <translation>Rückfallplan</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test plan</source>
        <translation>Testplan</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Plans</source>
        <translation>Pläne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CAB approvals</source>
        <translation>CAB-Genehmigungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Linked tickets</source>
        <translation>Verknüpfte Tickets</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Impact</source>
        <translation>Auswirkung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Historie</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Move to:</source>
        <translation>Setzen auf:</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../app/ui/macros/manager_tab.py" line="-201"/>
        <source>Insert &amp;variable</source>
        <translation>&amp;Variable einfügen</translation>
    </message>
</context>
<context>
    <name>self.form</name>
    <message>
        <location filename="../../app/ui/changes/editor_ui.py" line="+21"/>
        <source>Set when the change is closed.</source>
        <translation>Wird beim Schließen der Änderung gesetzt.</translation>
    </message>
</context>
</TS>
