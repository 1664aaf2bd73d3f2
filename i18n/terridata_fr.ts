<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="en">
    <context>
        <name>TerriData</name>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="345" />
            <source> (each part gets the whole old geometry)</source>
            <translation> (chaque partie reçoit toute l'ancienne géométrie)</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="270" />
            <source> (format {})</source>
            <translation> (format {})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="500" />
            <source> Free text was redacted automatically: identifiers the detection does not know may remain.</source>
            <translation> Le texte libre a été expurgé automatiquement : des identifiants que la détection ne connaît pas peuvent subsister.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="295" />
            <source> MB</source>
            <translation> Mo</translation>
        </message>
        <message>
            <location filename="../toolbelt/secrets.py" line="163" />
            <source> and </source>
            <translation> et </translation>
        </message>
        <message>
            <location filename="../core/privacy/values.py" line="68" />
            <source> and {} more</source>
            <translation> et {} autres</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="116" />
            <location filename="../providers/sensors/hubeau.py" line="90" />
            <source> of {}</source>
            <translation> sur {}</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="295" />
            <source> s</source>
            <translation> s</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="321" />
            <source>'{}' has no numeric value</source>
            <translation>« {} » n’a aucune valeur numérique</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="150" />
            <source>'{}' in '{}' is not a well-formed {} code</source>
            <translation>« {} » dans « {} » n’est pas un code {} bien formé</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="165" />
            <source>'{}' in '{}' is not written as INSEE writes {} codes: write it '{}' (text, with its leading zeros, no spaces, no decimals)</source>
            <translation>« {} » dans « {} » n’est pas écrit comme l’INSEE écrit les codes {} : écrivez-le « {} » (en texte, avec ses zéros initiaux, sans espace ni décimale)</translation>
        </message>
        <message>
            <location filename="../providers/portals/territory.py" line="27" />
            <source>'{}' is not a {} code of the current COG: give an INSEE code (commune 91228, département 91, région 11) or a SIREN (EPCI).</source>
            <translation>« {} » n'est pas un code {} du COG en vigueur : indiquez un code INSEE (commune 91228, département 91, région 11) ou un SIREN (EPCI).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="56" />
            <source>'{}' is not an EPCI code (SIREN) of the {} COG.</source>
            <translation>'{}' n'est pas un code d'EPCI (SIREN) du COG {}.</translation>
        </message>
        <message>
            <location filename="../core/privacy/cell_suppression.py" line="90" />
            <source>'{}' is reserved for totals and cannot be a category or territory code</source>
            <translation>« {} » est réservé aux totaux et ne peut pas être un code de catégorie ou de territoire</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="265" />
            <source>(each feature is one unit)</source>
            <translation>(chaque entité compte pour une unité)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="173" />
            <source>(each point is one unit)</source>
            <translation>(chaque point compte pour une unité)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="300" />
            <source>(each record is one unit)</source>
            <translation>(chaque enregistrement compte pour une unité)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="263" />
            <source>(empty)</source>
            <translation>(vide)</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="302" />
            <source>(none)</source>
            <translation>(aucune)</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="275" />
            <source>({} sources failed)</source>
            <translation>({} sources en échec)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="301" />
            <source>1 request per hour</source>
            <translation>1 requête par heure</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="301" />
            <source>1 request per minute</source>
            <translation>1 requête par minute</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="301" />
            <source>1 request per second</source>
            <translation>1 requête par seconde</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="64" />
            <source>15 minutes</source>
            <translation>15 minutes</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="38" />
            <source>:</source>
            <translation> :</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings_format.py" line="328" />
            <source>A dataArray block has no phenomenonTime and result components.</source>
            <translation>Un bloc dataArray n'a pas de composantes phenomenonTime et result.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="156" />
            <source>A downloaded archive that would expand beyond this is refused.</source>
            <translation>Une archive téléchargée qui dépasserait cette taille une fois décompressée est refusée.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="154" />
            <source>A multi-page atlas is a PDF: the atlas file must end in .pdf (got {}); choose one file per page for PNG or SVG.</source>
            <translation>Un atlas de plusieurs pages est un PDF : le fichier de l’atlas doit se terminer par .pdf (reçu : {}) ; choisissez un fichier par page pour du PNG ou du SVG.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="486" />
            <source>A rule of the quality report cannot be used: {}</source>
            <translation>Une règle du rapport de qualité est inutilisable : {}</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="176" />
            <source>A server silent for this long is given up on.</source>
            <translation>Un serveur silencieux pendant cette durée est abandonné.</translation>
        </message>
        <message>
            <location filename="../processing/database_output.py" line="318" />
            <source>A table name contains {}: choose another name for the output.</source>
            <translation>Un nom de table contient {} : choisissez un autre nom pour la sortie.</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="70" />
            <source>A territory code is needed for the area level {}</source>
            <translation>Un code de territoire est nécessaire pour le niveau géographique {}</translation>
        </message>
        <message>
            <location filename="../core/cog/referential.py" line="421" />
            <source>A {} has no members</source>
            <translation>Un {} n’a pas de membres</translation>
        </message>
        <message>
            <location filename="../toolbelt/deadlines.py" line="29" />
            <source>API and metadata requests</source>
            <translation>les requêtes d’API et de métadonnées</translation>
        </message>
        <message>
            <location filename="../plugin.py" line="65" />
            <source>About TerriData…</source>
            <translation>À propos de TerriData…</translation>
        </message>
        <message>
            <location filename="../ui/dlg_about.py" line="17" />
            <source>About {}</source>
            <translation>À propos de {}</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="484" />
            <source>Add</source>
            <translation>Ajouter</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="67" />
            <source>Add IGN basemap</source>
            <translation>Ajouter un fond de plan IGN</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="74" />
            <source>Add detected identifiers and quasi-identifiers to the declaration</source>
            <translation>Ajouter les identifiants et quasi-identifiants détectés à la déclaration</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="51" />
            <source>Add territorial hierarchy</source>
            <translation>Ajouter la hiérarchie territoriale</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="85" />
            <source>Add the layer to the project</source>
            <translation>Ajouter la couche au projet</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="170" />
            <source>Add to (or remove from) your favourite datasets</source>
            <translation>Ajouter à vos jeux de données favoris (ou les en retirer)</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="166" />
            <source>Add to map</source>
            <translation>Ajouter à la carte</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="409" />
            <source>Adding {} to the map…</source>
            <translation>Ajout de {} à la carte…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="70" />
            <source>Additional source credits (the layer's own attribution is added)</source>
            <translation>Crédits de sources supplémentaires (l'attribution propre de la couche est ajoutée)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="210" />
            <source>Additional source credits, separated by ";" (the layers' own sources are added)</source>
            <translation>Sources supplémentaires, séparées par « ; » (les sources des couches sont ajoutées)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="101" />
            <source>Additive fields (summed on merges, allocated by population on splits)</source>
            <translation>Champs additifs (sommés lors des fusions, répartis selon la population lors des scissions)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="82" />
            <source>Additive fields (summed)</source>
            <translation>Champs additifs (sommés)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="604" />
            <source>Address</source>
            <translation>Adresse</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="173" />
            <source>Addresses located</source>
            <translation>Adresses localisées</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="174" />
            <source>Addresses not located</source>
            <translation>Adresses non localisées</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="158" />
            <source>Addresses per batch request</source>
            <translation>Adresses par requête groupée</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="92" />
            <source>Aggregate observations over time</source>
            <translation>Agréger des observations dans le temps</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="62" />
            <source>Aggregate points to an INSEE grid</source>
            <translation>Agréger des points sur une grille INSEE</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="81" />
            <source>Aggregate points to zones</source>
            <translation>Agréger des points par zone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="207" />
            <source>Aggregated flags: {}</source>
            <translation>Indicateurs agrégés : {}</translation>
        </message>
        <message>
            <location filename="../processing/base.py" line="73" />
            <source>Aggregation</source>
            <translation>Agrégation</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="178" />
            <source>All kinds</source>
            <translation>Tous les types</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="174" />
            <source>All providers</source>
            <translation>Tous les fournisseurs</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="158" />
            <source>Allow a quasi-identifier to be suppressed entirely (*)</source>
            <translation>Permettre de supprimer entièrement un quasi-identifiant (*)</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="106" />
            <source>Already done: {}. Run again to complete it.</source>
            <translation>Déjà fait : {}. Relancez pour terminer.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="54" />
            <source>Always</source>
            <translation>Toujours</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="72" />
            <source>Amount field (for the dominance rule)</source>
            <translation>Champ de montant (pour la règle de dominance)</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings_format.py" line="308" />
            <source>An observation is not a JSON object: the answer is not SensorThings.</source>
            <translation>Une observation n'est pas un objet JSON : la réponse n'est pas du SensorThings.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="34" />
            <source>Annual</source>
            <translation>Annuelle</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="347" />
            <source>Anonymisation of {} failed: {}</source>
            <translation>L'anonymisation de {} a échoué : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="311" />
            <source>Anonymisation risk report of {}</source>
            <translation>Rapport de risque de l'anonymisation de {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="46" />
            <source>Anonymised export (k-anonymity)</source>
            <translation>Export anonymisé (k-anonymat)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="114" />
            <source>Anonymised records</source>
            <translation>Enregistrements anonymisés</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="208" />
            <source>Any service without a limit of its own.</source>
            <translation>Tout service sans limite qui lui soit propre.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="144" />
            <source>Applies to the catalogue, tabular and schema APIs of data.gouv.fr.</source>
            <translation>S'applique aux API catalogue, tabulaire et schémas de data.gouv.fr.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="140" />
            <source>Area code (e.g. 50 for Manche, 200000172 for an EPCI)</source>
            <translation>Code de la zone (par exemple 50 pour la Manche, 200000172 pour un EPCI)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="135" />
            <source>Area type</source>
            <translation>Type de zone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="51" />
            <source>Arrondissements</source>
            <translation>Arrondissements</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="85" />
            <source>Ask for less at once (fewer codes or layers per request).</source>
            <translation>Demandez moins à la fois (moins de codes ou de couches par requête).</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="49" />
            <source>Assessment (WP29 opinion 05/2014 criteria)</source>
            <translation>Évaluation (critères de l’avis 05/2014 du G29)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="301" />
            <source>Assigning points to {} zones in the database {}…</source>
            <translation>Affectation des points à {} zones dans la base de données {}…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="410" />
            <source>Assigning {} points to {} zones…</source>
            <translation>Affectation de {} points à {} zones…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="136" />
            <source>Atlas file (one file per page: named &lt;file&gt;-&lt;page name&gt;)</source>
            <translation>Fichier de l’atlas (un fichier par page : nommé &lt;fichier&gt;-&lt;nom de la page&gt;)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="212" />
            <source>Atlas: {}</source>
            <translation>Atlas : {}</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="85" />
            <source>Attribution</source>
            <translation>Attribution</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="604" />
            <source>Authentication</source>
            <translation>Authentification</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_observations.py" line="61" />
            <location filename="../processing/algorithms/sensorthings_stations.py" line="40" />
            <source>Authentication configuration</source>
            <translation>Configuration d'authentification</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="209" />
            <source>Author (credits line)</source>
            <translation>Auteur (ligne des crédits)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="123" />
            <source>Automatic</source>
            <translation>Automatique</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="48" />
            <source>Automatic (batch CSV above 100 addresses)</source>
            <translation>Automatique (lot CSV au-delà de 100 adresses)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="86" />
            <source>Automatic (in the database when every input is a PostGIS table of one database)</source>
            <translation>Automatique (dans la base de données quand chaque entrée est une table PostGIS d’une même base)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="54" />
            <source>Automatic (in the database when the table is a PostGIS table)</source>
            <translation>Automatique (dans la base de données quand la table est une table PostGIS)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="54" />
            <source>Automatic: when the layer covers metropolitan France and overseas</source>
            <translation>Automatique : quand la couche couvre la France métropolitaine et l’outre-mer</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="76" />
            <source>Basemap</source>
            <translation>Fond de carte</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="227" />
            <source>Basemap {} ({}): {}</source>
            <translation>Fond de carte {} ({}) : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="50" />
            <source>Batch CSV</source>
            <translation>Lot CSV</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="184" />
            <source>Binning points into cells of {} m in the database {}…</source>
            <translation>Répartition des points en carreaux de {} m dans la base de données {}…</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="18" />
            <source>Blocking problems found</source>
            <translation>Des problèmes bloquants ont été trouvés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="198" />
            <source>Boundary codes without statistics</source>
            <translation>Codes des limites sans statistiques</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="160" />
            <source>Boundary layer (for codes)</source>
            <translation>Couche de limites (pour les codes)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="162" />
            <source>Boundary layer to join to (empty = output a table)</source>
            <translation>Couche de limites à joindre (vide = produire une table)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="93" />
            <source>Businesses (threshold 3)</source>
            <translation>Entreprises (seuil 3)</translation>
        </message>
        <message>
            <location filename="../providers/portals/ckan.py" line="229" />
            <source>CKAN filters are read through the DataStore: use fetch_datastore().</source>
            <translation>Les filtres CKAN passent par le DataStore : utilisez fetch_datastore().</translation>
        </message>
        <message>
            <location filename="../providers/portals/fetch.py" line="59" />
            <source>CKAN takes column filters, not an ODSQL expression: clear the ODSQL filter.</source>
            <translation>CKAN accepte des filtres de colonnes, pas une expression ODSQL : videz le filtre ODSQL.</translation>
        </message>
        <message>
            <location filename="../providers/insee/geo_api.py" line="165" />
            <source>COG refresh cancelled</source>
            <translation>Mise à jour du COG annulée</translation>
        </message>
        <message>
            <location filename="../core/cog/snapshot.py" line="172" />
            <source>COG snapshot not found: {} (rebuild it with scripts/build_cog_snapshot.py)</source>
            <translation>Instantané du COG introuvable : {} (reconstruisez-le avec scripts/build_cog_snapshot.py)</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="59" />
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="73" />
            <source>COG vintage</source>
            <translation>Millésime du COG</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="185" />
            <source>COG vintage (year) of the boundary codes</source>
            <translation>Millésime du COG (année) des codes des limites</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="72" />
            <source>COG vintage (year; empty = latest)</source>
            <translation>Millésime du COG (année ; vide = le plus récent)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="141" />
            <source>COG vintage of the input codes</source>
            <translation>Millésime du COG des codes en entrée</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="282" />
            <source>COG vintage the codes must be valid in (year)</source>
            <translation>Millésime du COG dans lequel les codes doivent être valides (année)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="292" />
            <source>COG vintage the data were produced with (0: unknown, earlier vintages are searched)</source>
            <translation>Millésime du COG avec lequel les données ont été produites (0 : inconnu, les millésimes antérieurs sont cherchés)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/update_cog.py" line="71" />
            <source>COG {} added: {} communes, {} départements. It is kept in your profile and used from now on (EPCI are not published by this API: EPCI roll-ups keep using the latest embedded vintage).</source>
            <translation>COG {} ajouté : {} communes, {} départements. Il est conservé dans votre profil et utilisé désormais (cette API ne publie pas les EPCI : les agrégations par EPCI utilisent toujours le dernier millésime intégré).</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="61" />
            <location filename="../processing/algorithms/ign_basemap.py" line="99" />
            <source>CRS</source>
            <translation>SCR</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="140" />
            <source>CRS of the X/Y columns</source>
            <translation>SCR des colonnes X/Y</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="89" />
            <source>CSV for the schema</source>
            <translation>CSV conforme au schéma</translation>
        </message>
        <message>
            <location filename="../providers/portals/csv_loader.py" line="59" />
            <source>CSV read as {} with delimiter '{}'.</source>
            <translation>CSV lu en {} avec le séparateur « {} ».</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="93" />
            <source>CSV to publish (from Export to a national schema)</source>
            <translation>CSV à publier (issu de « Exporter vers un schéma national »)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="731" />
            <source>Cache on disk</source>
            <translation>Cache sur disque</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="212" />
            <source>Cache responses on disk</source>
            <translation>Mettre les réponses en cache sur le disque</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="218" />
            <source>Cache size limit</source>
            <translation>Taille maximale du cache</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="161" />
            <source>Cancel</source>
            <translation>Annuler</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="275" />
            <location filename="../processing/algorithms/portal_load.py" line="316" />
            <location filename="../providers/portals/loader.py" line="164" />
            <source>Cancelled</source>
            <translation>Annulé</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_privacy_io.py" line="349" />
            <source>Cancelled while reading the input layer.</source>
            <translation>Annulé pendant la lecture de la couche en entrée.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_privacy_io.py" line="178" />
            <source>Cancelled while writing the output.</source>
            <translation>Annulé pendant l'écriture de la sortie.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="421" />
            <location filename="../processing/algorithms/anonymised_export.py" line="351" />
            <location filename="../processing/algorithms/geomask_points.py" line="163" />
            <location filename="../processing/algorithms/protective_grid.py" line="123" />
            <location filename="../processing/algorithms/secret_statistique.py" line="199" />
            <location filename="../processing/ogr_arrays.py" line="637" />
            <source>Cancelled.</source>
            <translation>Annulé.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="158" />
            <source>Cancelled: the basemap was not added</source>
            <translation>Annulé : le fond de carte n'a pas été ajouté</translation>
        </message>
        <message>
            <location filename="../providers/postgis/connection.py" line="112" />
            <source>Cancelled: the query was stopped on the server of {}.</source>
            <translation>Annulé : la requête a été arrêtée sur le serveur de {}.</translation>
        </message>
        <message>
            <location filename="../processing/base.py" line="236" />
            <source>Cancelled: {} was stopped before the end (cancelled by the user); its outputs must not be used.</source>
            <translation>Annulé : {} a été arrêté avant la fin (annulation par l'utilisateur) ; ses sorties ne doivent pas être utilisées.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="300" />
            <source>Cannot harmonise the codes of field {}: {}</source>
            <translation>Impossible d'harmoniser les codes du champ {} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="326" />
            <source>Cannot join {} to the boundaries: {}</source>
            <translation>Impossible de joindre {} aux limites : {}</translation>
        </message>
        <message>
            <location filename="../core/cog/referential.py" line="411" />
            <source>Cannot list {} members</source>
            <translation>Impossible d’énumérer les membres de {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="436" />
            <source>Cannot re-code from {} to {}: {}</source>
            <translation>Impossible de recoder de {} vers {} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="138" />
            <source>Cannot read the parameters file {}: {}</source>
            <translation>Impossible de lire le fichier de paramètres {} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_outputs_together.py" line="145" />
            <source>Cannot write a feature to {}: {}</source>
            <translation>Impossible d’écrire une entité dans {} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_privacy_io.py" line="145" />
            <source>Cannot write the risk report to {}: {}. Choose another folder.</source>
            <translation>Impossible d'écrire le rapport de risque dans {} : {}. Choisissez un autre dossier.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_outputs_together.py" line="173" />
            <source>Cannot write to {}: {}; choose another folder.</source>
            <translation>Impossible d’écrire dans {} : {} ; choisissez un autre dossier.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="119" />
            <source>Capabilities and tiles asked for by TerriData itself.</source>
            <translation>Capacités et tuiles demandées par TerriData lui-même.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="212" />
            <source>Catalogues and capabilities are reused for a day; answers sent with a key never are.</source>
            <translation>Les catalogues et capacités sont réutilisés pendant un jour ; les réponses obtenues avec une clé ne le sont jamais.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="117" />
            <source>Categories (one colour per value)</source>
            <translation>Catégories (une couleur par valeur)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="58" />
            <source>Category field</source>
            <translation>Champ de catégorie</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="82" />
            <source>Category field (one count column per category)</source>
            <translation>Champ de catégorie (une colonne d'effectif par catégorie)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="73" />
            <source>Cell size in metres (INSEE: 200 or 1000)</source>
            <translation>Taille des carreaux en mètres (INSEE : 200 ou 1000)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="87" />
            <source>Change in the number of parts</source>
            <translation>Variation du nombre de parties</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="25" />
            <source>Check</source>
            <translation>Contrôle</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="167" />
            <source>Check geometries (missing, validity GEOS and QGIS, duplicates, outside the CRS area)</source>
            <translation>Contrôler les géométries (absentes, validité GEOS et QGIS, doublons, hors de l'emprise du SCR)</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="81" />
            <source>Check the authentication configuration chosen for this service and its access rights.</source>
            <translation>Vérifiez la configuration d'authentification choisie pour ce service et ses droits d'accès.</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="87" />
            <source>Check the parameters of the request (layer name, codes, filters).</source>
            <translation>Vérifiez les paramètres de la requête (nom de couche, codes, filtres).</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="83" />
            <source>Check the service address in the TerriData settings and that the requested data exists.</source>
            <translation>Vérifiez l'adresse du service dans les paramètres de TerriData et que les données demandées existent.</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="24" />
            <source>Checks failed</source>
            <translation>Contrôles en échec</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="29" />
            <source>Checks in detail</source>
            <translation>Contrôles en détail</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="23" />
            <source>Checks passed</source>
            <translation>Contrôles réussis</translation>
        </message>
        <message>
            <location filename="../processing/enum_choices.py" line="219" />
            <source>Choices (give the number or the name, e.g. in qgis_process or processing.run):</source>
            <translation>Choix (indiquez le numéro ou le nom, par exemple dans qgis_process ou processing.run) :</translation>
        </message>
        <message>
            <location filename="../providers/sensors/hubeau.py" line="127" />
            <source>Choose a territory, station codes or an extent to look for Hub'Eau stations.</source>
            <translation>Choisissez un territoire, des codes de station ou une emprise pour chercher des stations Hub'Eau.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="236" />
            <source>Choose a valid output CRS</source>
            <translation>Choisissez un SCR de sortie valide</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="162" />
            <source>Choose at least one additive field or one rate field to roll up.</source>
            <translation>Choisissez au moins un champ additif ou un champ de taux à agréger.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="194" />
            <source>Choose either an INSEE code field or one INSEE code, not both</source>
            <translation>Choisissez soit un champ de code INSEE, soit un code INSEE, pas les deux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="189" />
            <source>Choose either the full address field or the separate number/street fields, not both</source>
            <translation>Choisissez soit le champ d'adresse complète, soit les champs séparés numéro/voie, pas les deux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="157" />
            <source>Choose the authentication configuration holding your data.gouv.fr API key (its password or key).</source>
            <translation>Choisissez la configuration d'authentification qui contient votre clé d'API data.gouv.fr (son mot de passe ou sa clé).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="228" />
            <source>Choose the field of the boundary layer that holds the territory codes.</source>
            <translation>Choisissez le champ de la couche de limites qui contient les codes des territoires.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="187" />
            <source>Choose the full address field, or at least a street or city field</source>
            <translation>Choisissez le champ d'adresse complète, ou au moins un champ de voie ou de commune</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="117" />
            <source>Choropleth (rates, densities, shares)</source>
            <translation>Aplats de couleur (taux, densités, parts)</translation>
        </message>
        <message>
            <location filename="../maps/proportional.py" line="105" />
            <source>Circles proportional to the value</source>
            <translation>Cercles proportionnels à la valeur</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="121" />
            <source>City field</source>
            <translation>Champ de la commune</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="62" />
            <location filename="../processing/algorithms/export_map.py" line="132" />
            <source>Classification</source>
            <translation>Classification</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="732" />
            <source>Clear the cache</source>
            <translation>Vider le cache</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="163" />
            <source>Code field of the boundaries</source>
            <translation>Champ de code des limites</translation>
        </message>
        <message>
            <location filename="../core/cog/referential.py" line="480" />
            <source>Codes are followed forward in time only (from {} to {})</source>
            <translation>Les codes ne sont suivis que vers l’avenir (de {} à {})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="49" />
            <source>Codes merged</source>
            <translation>Codes fusionnés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="127" />
            <source>Codes not found (comma-separated)</source>
            <translation>Codes introuvables (séparés par des virgules)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="117" />
            <source>Codes not found in the COG</source>
            <translation>Codes introuvables dans le COG</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="206" />
            <source>Codes not found in the COG {}: {}</source>
            <translation>Codes introuvables dans le COG {} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="90" />
            <source>Codes not found in the vintage</source>
            <translation>Codes introuvables dans le millésime</translation>
        </message>
        <message>
            <location filename="../providers/portals/code_join.py" line="98" />
            <source>Codes of this level ({}) are repaired (lost leading zero) but not re-coded: the COG referential follows former codes of communes only. Use boundaries of the same year as the data.</source>
            <translation>Les codes de ce niveau ({}) sont réparés (zéro initial perdu) mais pas recodés : le référentiel du COG ne suit les anciens codes que pour les communes. Utilisez des limites du même millésime que les données.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="347" />
            <source>Codes often stop matching because communes merged between the boundaries' COG vintage and the statistics' ({}): tick the re-coding option and give the boundaries' vintage.</source>
            <translation>Les codes cessent souvent de correspondre parce que des communes ont fusionné entre le millésime du COG des limites et celui des statistiques ({}) : cochez l'option de recodage et indiquez le millésime des limites.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="48" />
            <source>Codes recoded</source>
            <translation>Codes recodés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="50" />
            <source>Codes split</source>
            <translation>Codes scindés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="197" />
            <source>Codes that did not join</source>
            <translation>Codes qui n'ont pas été joints</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="199" />
            <source>Codes that matched no boundary</source>
            <translation>Codes sans limite correspondante</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="47" />
            <source>Codes unchanged</source>
            <translation>Codes inchangés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="51" />
            <source>Codes unknown</source>
            <translation>Codes inconnus</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="457" />
            <source>Codes unknown in the COG {}, kept as they are: {}</source>
            <translation>Codes inconnus dans le COG {}, conservés tels quels : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="154" />
            <source>Colours (ColorBrewer)</source>
            <translation>Couleurs (ColorBrewer)</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="219" />
            <source>Column '{}' is not in the schema</source>
            <translation>La colonne « {} » n’est pas dans le schéma</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="210" />
            <source>Column '{}' of the schema is missing from the table</source>
            <translation>La colonne « {} » du schéma manque dans la table</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv.py" line="179" />
            <source>Column filters are read through the tabular API: use fetch_tabular().</source>
            <translation>Les filtres de colonnes passent par l'API tabulaire : utilisez fetch_tabular().</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="216" />
            <source>Column {!r} not found in the table</source>
            <translation>Colonne {!r} introuvable dans la table</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="224" />
            <source>Columns both additive and rate: {}</source>
            <translation>Colonnes à la fois additives et de taux : {}</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="219" />
            <source>Columns not found in the table: {}</source>
            <translation>Colonnes introuvables dans la table : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="289" />
            <source>Columns taken from the values of the dimension {}</source>
            <translation>Colonnes tirées des valeurs de la dimension {}</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="439" />
            <source>Command copied to the clipboard: {}</source>
            <translation>Commande copiée dans le presse-papiers : {}</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="31" />
            <location filename="../processing/algorithms/insee_statistics.py" line="59" />
            <location filename="../processing/algorithms/portal_load.py" line="152" />
            <location filename="../processing/algorithms/portal_search.py" line="86" />
            <location filename="../processing/algorithms/quality_report.py" line="274" />
            <source>Commune</source>
            <translation>Commune</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="68" />
            <location filename="../processing/algorithms/harmonise_cog.py" line="79" />
            <source>Commune code field</source>
            <translation>Champ du code commune</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="65" />
            <source>Commune code field (INSEE code)</source>
            <translation>Champ du code commune (code INSEE)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="53" />
            <source>Commune code field (INSEE)</source>
            <translation>Champ du code commune (INSEE)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="126" />
            <source>Commune → EPCI → département → total</source>
            <translation>Commune → EPCI → département → total</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="126" />
            <source>Commune → département → total</source>
            <translation>Commune → département → total</translation>
        </message>
        <message>
            <location filename="../ui/territory_picker.py" line="62" />
            <source>Commune, EPCI, département or région (name or code)</source>
            <translation>Commune, EPCI, département ou région (nom ou code)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_map_inputs.py" line="60" />
            <location filename="../processing/algorithms/insee_statistics.py" line="47" />
            <source>Communes</source>
            <translation>Communes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="126" />
            <source>Communes and grand total only</source>
            <translation>Communes et total général seulement</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/update_cog.py" line="44" />
            <source>Communes in force</source>
            <translation>Communes en vigueur</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="62" />
            <source>Completeness of '{}'</source>
            <translation>Exhaustivité de « {} »</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="33" />
            <source>Confidential aggregate table (statistical confidentiality)</source>
            <translation>Tableau agrégé confidentiel (secret statistique)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="90" />
            <source>Confidential table</source>
            <translation>Tableau confidentiel</translation>
        </message>
        <message>
            <location filename="../processing/base.py" line="75" />
            <source>Confidentiality and anonymisation</source>
            <translation>Confidentialité et anonymisation</translation>
        </message>
        <message>
            <location filename="../ui/options_page_checks.py" line="37" />
            <source>Connection OK: the SensorThings service ({}) lists {} entity sets.</source>
            <translation>Connexion réussie : le service SensorThings ({}) liste {} ensembles d'entités.</translation>
        </message>
        <message>
            <location filename="../ui/options_page_checks.py" line="48" />
            <source>Connection OK: the WFS lists {} layers.</source>
            <translation>Connexion réussie : le WFS liste {} couches.</translation>
        </message>
        <message>
            <location filename="../ui/options_page_checks.py" line="31" />
            <source>Connection OK: {} answered, {} datasets in its catalogue.</source>
            <translation>Connexion réussie : {} a répondu, {} jeux de données dans son catalogue.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="449" />
            <source>Connection failed: {}</source>
            <translation>Échec de la connexion : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="196" />
            <source>Context of the inset (communes of the département; default: the sample's communes)</source>
            <translation>Contexte du carton de localisation (communes du département ; par défaut : les communes de l’échantillon)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="34" />
            <source>Continuous</source>
            <translation>Continue</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="81" />
            <source>Contributor id field (empty: each row is its own contributor)</source>
            <translation>Champ identifiant du contributeur (vide : chaque ligne est son propre contributeur)</translation>
        </message>
        <message>
            <location filename="../maps/layout.py" line="167" />
            <location filename="../maps/layout.py" line="185" />
            <source>Coordinate reference system: {} ({})</source>
            <translation>Système de coordonnées : {} ({})</translation>
        </message>
        <message>
            <location filename="../maps/layout.py" line="169" />
            <source>Coordinate reference systems: {} ({}) for metropolitan France; overseas, each territory's own: {}</source>
            <translation>Systèmes de coordonnées : {} ({}) pour la France métropolitaine ; outre-mer, celui de chaque territoire : {}</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="168" />
            <source>Copy as qgis_process command</source>
            <translation>Copier la commande qgis_process</translation>
        </message>
        <message>
            <location filename="../providers/postgis/connection.py" line="114" />
            <source>Could not connect to the PostgreSQL database {}: check that the server runs and accepts connections, and the user name and password of the connection (or its authentication configuration).</source>
            <translation>Connexion impossible à la base de données PostgreSQL {} : vérifiez que le serveur fonctionne et accepte les connexions, ainsi que le nom d’utilisateur et le mot de passe de la connexion (ou sa configuration d’authentification).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="182" />
            <source>Could not create the layer {} in {}: {}</source>
            <translation>Impossible de créer la couche {} dans {} : {}</translation>
        </message>
        <message>
            <location filename="../ui/territory_locator.py" line="171" />
            <source>Could not find the boundary of {}: {}</source>
            <translation>Impossible de trouver le contour de {} : {}</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="178" />
            <source>Could not reach {} at {} ({}). Check the network connection, the proxy settings (QGIS Settings &gt; Options &gt; Network) and the service address in the TerriData settings.</source>
            <translation>Impossible de joindre {} à {} ({}). Vérifiez la connexion réseau, les paramètres du proxy (Préférences &gt; Options &gt; Réseau de QGIS) et l'adresse du service dans les paramètres de TerriData.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="110" />
            <source>Could not read Hub'Eau's stations: {}</source>
            <translation>Impossible de lire les stations de Hub'Eau : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_observations.py" line="124" />
            <source>Could not read the observations from {}: {} Nothing was written.</source>
            <translation>Impossible de lire les observations de {} : {} Rien n'a été écrit.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_stations.py" line="75" />
            <source>Could not read the stations of {}: {}</source>
            <translation>Impossible de lire les stations de {} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="124" />
            <source>Could not read {}: {} Nothing was written.</source>
            <translation>Impossible de lire {} : {} Rien n'a été écrit.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="568" />
            <source>Could not write INSEE's licence into {}: {}</source>
            <translation>Impossible d'écrire la licence de l'INSEE dans {} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="382" />
            <source>Could not write the GeoPackage {}: {}. Choose a writable folder.</source>
            <translation>Impossible d'écrire le GeoPackage {} : {}. Choisissez un dossier accessible en écriture.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_sensors_common.py" line="334" />
            <source>Could not write the output: {}</source>
            <translation>Impossible d'écrire la sortie : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="154" />
            <source>Could not write to {}: {}</source>
            <translation>Impossible d'écrire dans {} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="34" />
            <source>Count (non-NULL values)</source>
            <translation>Effectif (valeurs non NULL)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="63" />
            <source>Count field (units per row; empty: each row is one unit)</source>
            <translation>Champ d'effectif (unités par ligne ; vide : chaque ligne est une unité)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="152" />
            <source>Counted per portal.</source>
            <translation>Compté par portail.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="171" />
            <source>Counted per service.</source>
            <translation>Compté par service.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="61" />
            <source>Coverage layer (one page per feature)</source>
            <translation>Couche de couverture (une page par entité)</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="260" />
            <source>Custom checks not applied by TerriData: {}.</source>
            <translation>Contrôles propres au schéma non appliqués par TerriData : {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="34" />
            <source>Daily</source>
            <translation>Quotidienne</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="67" />
            <source>Data</source>
            <translation>Données</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="286" />
            <source>Data following the schema {}</source>
            <translation>Données conformes au schéma {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="104" />
            <source>Data source URI (wms provider)</source>
            <translation>URI de la source de données (fournisseur wms)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="56" />
            <source>Database (in PostGIS)</source>
            <translation>Base de données (dans PostGIS)</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="242" />
            <source>Database engine: the aggregation runs in {}.</source>
            <translation>Moteur base de données : l’agrégation s’exécute dans {}.</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/quality.py" line="59" />
            <source>Database engine: the geometry checks run in {}.</source>
            <translation>Moteur base de données : les contrôles des géométries s’exécutent dans {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="199" />
            <source>Database engine: the roll-up runs in {}.</source>
            <translation>Moteur base de données : l’agrégation territoriale s’exécute dans {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="102" />
            <source>Dataset id (or slug)</source>
            <translation>Identifiant du jeu de données (ou slug)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="132" />
            <source>Dataset title</source>
            <translation>Titre du jeu de données</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="129" />
            <source>Datasets matching on the portal (data.gouv.fr)</source>
            <translation>Jeux de données correspondants sur le portail (data.gouv.fr)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_observations.py" line="64" />
            <source>Datastream ids, comma-separated (multi:&lt;id&gt; for a MultiDatastream)</source>
            <translation>Identifiants de Datastreams, séparés par des virgules (multi:&lt;id&gt; pour un MultiDatastream)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_observations.py" line="108" />
            <source>Datastream {}: page {} read ({} observations so far)</source>
            <translation>Datastream {} : page {} lue ({} observations jusqu'ici)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="248" />
            <source>Date fields (must parse, must not be in the future)</source>
            <translation>Champs de date (doivent être lisibles et ne pas être dans le futur)</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="421" />
            <source>Date {} of '{}' is after the reference date {}</source>
            <translation>La date {} de « {} » est postérieure à la date de référence {}</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="395" />
            <source>Dates of '{}' in the future</source>
            <translation>Dates de « {} » dans le futur</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="388" />
            <source>Dates of '{}' that do not parse</source>
            <translation>Dates de « {} » illisibles</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="66" />
            <source>Day</source>
            <translation>Jour</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="223" />
            <source>Debug mode</source>
            <translation>Mode débogage</translation>
        </message>
        <message>
            <location filename="../providers/portals/csv_loader.py" line="188" />
            <source>Decimal commas read in the coordinates.</source>
            <translation>Virgules décimales lues dans les coordonnées.</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="32" />
            <source>Departement</source>
            <translation>Département</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="133" />
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="55" />
            <source>Desktop (in QGIS)</source>
            <translation>Bureautique (dans QGIS)</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="254" />
            <source>Desktop engine: {}.</source>
            <translation>Moteur bureautique : {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="84" />
            <source>Detect from the codes</source>
            <translation>Détecter à partir des codes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="216" />
            <source>Detected {}: {}</source>
            <translation>{} détectés : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="157" />
            <source>Dimension filters (e.g. SEX=F;AGE=Y20T64)</source>
            <translation>Filtres de dimensions (par exemple SEX=F;AGE=Y20T64)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="123" />
            <source>Dimension whose values become columns (e.g. POPREF_MEASURE; empty = guessed from measures)</source>
            <translation>Dimension dont les valeurs deviennent des colonnes (par exemple POPREF_MEASURE ; vide = déduite des mesures)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="89" />
            <source>Direct identifiers (names, e-mails, phones, NIR, IBAN, addresses)</source>
            <translation>Identifiants directs (noms, courriels, téléphones, NIR, IBAN, adresses)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="90" />
            <source>Direct identifiers are</source>
            <translation>Les identifiants directs sont</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="483" />
            <source>Direct identifiers were pseudonymised, not removed: whoever holds the key (or can guess values and compute pseudonyms with it) can single out a person. This is pseudonymisation; the data stays personal.</source>
            <translation>Les identifiants directs ont été pseudonymisés, pas supprimés : quiconque détient la clé (ou peut deviner des valeurs et en calculer les pseudonymes) peut isoler une personne. Il s'agit d'une pseudonymisation ; les données restent personnelles.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="500" />
            <source>Direct identifiers were removed; every combination of quasi-identifiers is shared by at least {} records (k required {}).</source>
            <translation>Les identifiants directs ont été supprimés ; chaque combinaison de quasi-identifiants est partagée par au moins {} enregistrements (k requis : {}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="374" />
            <source>Dissolving the geometries per new code</source>
            <translation>Fusion des géométries par nouveau code</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="126" />
            <source>Distinct codes not found</source>
            <translation>Codes distincts introuvables</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="159" />
            <source>Diverging colours centred on (e.g. 0 for a rate of change; empty: sequential colours)</source>
            <translation>Couleurs divergentes centrées sur (p. ex. 0 pour un taux d’évolution ; vide : couleurs séquentielles)</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="218" />
            <source>Domain of '{}'</source>
            <translation>Domaine de « {} »</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="220" />
            <source>Domain rules (JSON: {"field": {"enum": [...], "minimum": 0, "maximum": 100, "pattern": "..."}})</source>
            <translation>Règles de domaine (JSON : {"field": {"enum": [...], "minimum": 0, "maximum": 100, "pattern": "..."}})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="119" />
            <source>Dominance: also hide a share exactly equal to the limit ("85 % or more")</source>
            <translation>Dominance : masquer aussi une part exactement égale à la limite (« 85 % ou plus »)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="109" />
            <source>Dominance: largest contributor share above which a cell is hidden (%; 0 disables)</source>
            <translation>Dominance : part du plus gros contributeur au-delà de laquelle une case est masquée (% ; 0 désactive)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="102" />
            <source>Download IGN vector data</source>
            <translation>Télécharger des données vecteur IGN</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/update_cog.py" line="38" />
            <source>Download again even if this vintage is already cached</source>
            <translation>Télécharger à nouveau même si ce millésime est déjà en cache</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="376" />
            <source>Download of {} cancelled: nothing was written</source>
            <translation>Téléchargement de {} annulé : rien n'a été écrit</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="378" />
            <source>Download of {} from {} failed: {}</source>
            <translation>Le téléchargement de {} depuis {} a échoué : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="181" />
            <source>Downloaded layer (GeoPackage)</source>
            <translation>Couche téléchargée (GeoPackage)</translation>
        </message>
        <message>
            <location filename="../providers/portals/fetch.py" line="71" />
            <source>Downloading {}</source>
            <translation>Téléchargement de {}</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="167" />
            <source>Download…</source>
            <translation>Télécharger…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="87" />
            <source>Draws per point</source>
            <translation>Tirages par point</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="121" />
            <source>Dropped</source>
            <translation>Supprimé</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="152" />
            <location filename="../processing/algorithms/portal_search.py" line="86" />
            <location filename="../processing/algorithms/quality_report.py" line="274" />
            <location filename="../processing/algorithms/rollup_territories.py" line="40" />
            <source>Département</source>
            <translation>Département</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="48" />
            <location filename="../processing/algorithms/update_cog.py" line="45" />
            <source>Départements</source>
            <translation>Départements</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="152" />
            <location filename="../processing/algorithms/portal_search.py" line="86" />
            <location filename="../ui/territory_picker.py" line="17" />
            <source>EPCI</source>
            <translation>EPCI</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="30" />
            <source>EPCI (SIREN codes)</source>
            <translation>EPCI (codes SIREN)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="274" />
            <source>EPCI (SIREN)</source>
            <translation>EPCI (SIREN)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="39" />
            <source>EPCI (intercommunality)</source>
            <translation>EPCI (intercommunalité)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="299" />
            <source>Each exported point could have come from at least {} reference units (minimum spatial k {}).</source>
            <translation>Chaque point exporté pourrait provenir d'au moins {} unités de référence (k spatial minimal : {}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="527" />
            <source>Each group holds at least {} distinct values of '{}' (l required {}): membership of a group does not reveal the value with certainty, although a frequent value can still be guessed likely.</source>
            <translation>Chaque groupe contient au moins {} valeurs distinctes de « {} » (l requis : {}) : l'appartenance à un groupe ne révèle pas la valeur avec certitude, même si une valeur fréquente peut encore être devinée comme probable.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="267" />
            <source>Each page is drawn in the official CRS of its territory ({}): scale bars are true on every page.</source>
            <translation>Chaque page est dessinée dans le système de coordonnées officiel de son territoire ({}) : les barres d'échelle sont vraies sur toutes les pages.</translation>
        </message>
        <message>
            <location filename="../providers/portals/config.py" line="46" />
            <source>Each portal of the 'portals' setting needs a name and a url: {}</source>
            <translation>Chaque portail du paramètre « portals » doit avoir un nom (name) et une adresse (url) : {}</translation>
        </message>
        <message>
            <location filename="../plugin.py" line="88" />
            <source>Enable the Processing plugin to use TerriData's algorithms.</source>
            <translation>Activez l'extension Traitements pour utiliser les algorithmes de TerriData.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_sensors_common.py" line="60" />
            <source>End of the time window (UTC when no time zone)</source>
            <translation>Fin de la fenêtre temporelle (UTC sans fuseau horaire)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="84" />
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="115" />
            <location filename="../processing/algorithms/quality_report.py" line="151" />
            <location filename="../processing/algorithms/rollup_territories.py" line="111" />
            <source>Engine</source>
            <translation>Moteur de calcul</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="34" />
            <source>Epci</source>
            <translation>EPCI</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="62" />
            <location filename="../processing/algorithms/export_map.py" line="132" />
            <source>Equal intervals</source>
            <translation>Intervalles égaux</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="21" />
            <source>Errors</source>
            <translation>Erreurs</translation>
        </message>
        <message>
            <location filename="../processing/territory_defaults.py" line="82" />
            <source>Europe (metropolitan France)</source>
            <translation>Europe (France métropolitaine)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="192" />
            <source>Even a server that keeps sending bytes is given up on after this.</source>
            <translation>Même un serveur qui continue d'envoyer des octets est abandonné après cette durée.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="359" />
            <source>Every margin (row, column, commune → EPCI → département totals) holds zero or at least two hidden cells, and an exact linear-algebra audit finds no hidden cell that the published totals determine.</source>
            <translation>Chaque marge (ligne, colonne, totaux commune → EPCI → département) contient zéro ou au moins deux cases masquées, et un audit exact d'algèbre linéaire ne trouve aucune case masquée que les totaux publiés permettent de retrouver.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="193" />
            <source>Every published cell holds at least {} units; no cell of 1 to {} units is published.</source>
            <translation>Chaque case publiée contient au moins {} unités ; aucune case de 1 à {} unités n'est publiée.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="34" />
            <source>Every six months</source>
            <translation>Semestrielle</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="34" />
            <source>Every two years</source>
            <translation>Biennale</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="199" />
            <source>Exact duplicate geometries</source>
            <translation>Géométries en double exact</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="31" />
            <source>Examples</source>
            <translation>Exemples</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="53" />
            <source>Export atlas (one page per territory)</source>
            <translation>Exporter un atlas (une page par territoire)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="29" />
            <source>Export council map</source>
            <translation>Exporter une carte pour le conseil</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="72" />
            <source>Export map (layout, PDF/PNG/SVG)</source>
            <translation>Exporter une carte (mise en page, PDF/PNG/SVG)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="54" />
            <source>Export to a national schema (schema.data.gouv.fr)</source>
            <translation>Exporter vers un schéma national (schema.data.gouv.fr)</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="38" />
            <source>Exported ({}).</source>
            <translation>Exporté ({}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="92" />
            <source>Exported and flagged (k_ok = 0)</source>
            <translation>Exporté et signalé (k_ok = 0)</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="86" />
            <source>Extent</source>
            <translation>Emprise</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="256" />
            <source>Facet {}: {}</source>
            <translation>Facette {} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="248" />
            <source>Facets not available: {}</source>
            <translation>Facettes indisponibles : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="136" />
            <source>Fate of each input code</source>
            <translation>Devenir de chaque code en entrée</translation>
        </message>
        <message>
            <location filename="../ui/browser_items.py" line="144" />
            <source>Favourites</source>
            <translation>Favoris</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="211" />
            <source>Feature {} has exactly the same geometry as feature {}</source>
            <translation>L'entité {} a exactement la même géométrie que l'entité {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="156" />
            <source>Feature {} has no geometry</source>
            <translation>L'entité {} n'a pas de géométrie</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="268" />
            <source>Feature {} is still invalid after repair ({})</source>
            <translation>L'entité {} est toujours invalide après réparation ({})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="244" />
            <source>Feature {} lies outside the area of use of {} ({}): it is in {}, whose official CRS is EPSG:{}. Reproject the layer to EPSG:{} (or, if its coordinates are in another system, declare that one).</source>
            <translation>L'entité {} est hors de la zone d'emploi de {} ({}) : elle est en {}, dont le SCR officiel est EPSG:{}. Reprojetez la couche en EPSG:{} (ou, si ses coordonnées sont dans un autre système, déclarez celui-ci).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="256" />
            <source>Feature {} lies outside the area of use of {} ({}): wrong CRS declared, or coordinates in another system (e.g. longitude/latitude stored as Lambert-93)?</source>
            <translation>L'entité {} se trouve hors de l'emprise d'utilisation de {} ({}) : SCR déclaré erroné, ou coordonnées dans un autre système (par exemple longitude/latitude enregistrées comme du Lambert-93) ?</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="271" />
            <source>Feature {} repaired ({}): area change {} m², parts {} → {}</source>
            <translation>Entité {} réparée ({}) : variation de surface {} m², parties {} → {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="190" />
            <source>Feature {}: {}</source>
            <translation>Entité {} : {}</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="20" />
            <source>Features / rows affected</source>
            <translation>Entités / lignes touchées</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="19" />
            <source>Features / rows checked</source>
            <translation>Entités / lignes contrôlées</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="197" />
            <source>Features outside France</source>
            <translation>Entités hors de France</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="58" />
            <source>Features outside every part of France</source>
            <translation>Entités hors de toute partie de la France</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="224" />
            <source>Features outside the area of use of the CRS</source>
            <translation>Entités hors de l'emprise d'utilisation du SCR</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="169" />
            <source>Features per request (at most 5000)</source>
            <translation>Entités par requête (5000 au plus)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="87" />
            <source>Features repaired</source>
            <translation>Entités réparées</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="89" />
            <source>Features whose code was not found</source>
            <translation>Entités dont le code n'a pas été trouvé</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="349" />
            <source>Features {} and {} overlap over {} m²</source>
            <translation>Les entités {} et {} se chevauchent sur {} m²</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="33" />
            <source>Field</source>
            <translation>Champ</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="213" />
            <source>Field '{}' is not in the input (its fields: {})</source>
            <translation>Le champ « {} » n'est pas dans l'entrée (ses champs : {})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="432" />
            <source>Field '{}' is not in the input layer (its fields: {})</source>
            <translation>Le champ « {} » n'est pas dans la couche en entrée (ses champs : {})</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="80" />
            <source>Field '{}' is {:.1f} % complete, below the threshold of {:g} %: {:,} of {:,} values are missing. Fill them in or lower the threshold.</source>
            <translation>Le champ « {} » est complet à {:.1f} %, sous le seuil de {:g} % : {:,} valeurs sur {:,} manquent. Complétez-les ou abaissez le seuil.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="76" />
            <source>Field mapping (schema_field=layer_field;… — empty: proposed by name)</source>
            <translation>Correspondance des champs (champ_schema=champ_couche;… — vide : proposée d'après les noms)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="163" />
            <source>Field mapping used: {}</source>
            <translation>Correspondance des champs utilisée : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="266" />
            <source>Field of INSEE territorial codes</source>
            <translation>Champ des codes territoriaux INSEE</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="46" />
            <location filename="../processing/algorithms/export_map.py" line="92" />
            <source>Field to map</source>
            <translation>Champ à cartographier</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="106" />
            <source>Field to map (of the layer to map, else of the coverage)</source>
            <translation>Champ à cartographier (de la couche à cartographier, sinon de la couverture)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="267" />
            <source>Field {} holds {} value(s) that are not numbers (e.g. {}): measures are summed or averaged, so they must be numeric. Convert the field (e.g. with the Field calculator and to_real()) or leave it out.</source>
            <translation>Le champ {} contient {} valeur(s) qui ne sont pas des nombres (par ex. {}) : les mesures sont additionnées ou moyennées, elles doivent donc être numériques. Convertissez le champ (par ex. avec la calculatrice de champs et to_real()) ou retirez-le.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="168" />
            <source>Field {} is not numeric: only numbers can be summed or averaged.</source>
            <translation>Le champ {} n'est pas numérique : seuls des nombres peuvent être sommés ou moyennés.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="114" />
            <location filename="../processing/algorithms/harmonise_cog.py" line="205" />
            <source>Field {} not found in the input</source>
            <translation>Champ {} introuvable dans l'entrée</translation>
        </message>
        <message>
            <location filename="../processing/ogr_arrays.py" line="388" />
            <source>Field {} not found in the input layer.</source>
            <translation>Champ {} introuvable dans la couche en entrée.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="412" />
            <source>Field {} not found in the observation layer.</source>
            <translation>Champ {} introuvable dans la couche des observations.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="132" />
            <source>Field {} of the input layer is not numeric: choose numeric fields to summarise.</source>
            <translation>Le champ {} de la couche en entrée n'est pas numérique : choisissez des champs numériques à résumer.</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="53" />
            <source>Fields</source>
            <translation>Champs</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="167" />
            <source>Fields cannot be both additive and rates: {}</source>
            <translation>Des champs ne peuvent pas être à la fois additifs et des taux : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="446" />
            <source>Fields copied unchanged (not part of the k-anonymity check): {}. Check that none of them, alone or with public data, identifies a person; otherwise declare it as a quasi-identifier or drop it.</source>
            <translation>Champs copiés tels quels (hors du contrôle de k-anonymat) : {}. Vérifiez qu'aucun d'eux, seul ou avec des données publiques, n'identifie une personne ; sinon déclarez-le comme quasi-identifiant ou supprimez-le.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="192" />
            <source>Fields whose completeness is checked</source>
            <translation>Champs dont la complétude est contrôlée</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="81" />
            <source>Fill obsolete codes from their successor (when there is exactly one)</source>
            <translation>Compléter les codes obsolètes à partir de leur successeur (lorsqu'il y en a exactement un)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="71" />
            <source>Filter (expression on the coverage)</source>
            <translation>Filtre (expression sur la couverture)</translation>
        </message>
        <message>
            <location filename="../ui/territory_locator.py" line="128" />
            <source>Find a commune, EPCI, département or région by name or INSEE/SIREN code (accents and case ignored, "St" for "Saint") and zoom the map to it. Prefix: {}</source>
            <translation>Trouve une commune, un EPCI, un département ou une région par son nom ou son code INSEE/SIREN (sans tenir compte des accents ni de la casse, « St » pour « Saint ») et zoome la carte dessus. Préfixe : {}</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="184" />
            <source>First retry delay</source>
            <translation>Délai avant le premier nouvel essai</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="278" />
            <source>Flat line test</source>
            <translation>Test de ligne plate</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="88" />
            <source>Foreign keys within the table</source>
            <translation>Clés étrangères internes à la table</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="66" />
            <source>Format of the {} codes of '{}'</source>
            <translation>Format des codes {} de « {} »</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="31" />
            <source>Formats</source>
            <translation>Formats</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="82" />
            <source>Formats (e-mail, URI, UUID, ISO 8601 dates, booleans)</source>
            <translation>Formats (courriel, URI, UUID, dates ISO 8601, booléens)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="103" />
            <source>Free-text fields</source>
            <translation>Champs de texte libre</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="104" />
            <source>Free-text fields are</source>
            <translation>Les champs de texte libre sont</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="101" />
            <source>Frequency threshold (0: by unit type)</source>
            <translation>Seuil de fréquence (0 : selon le type d'unité)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="116" />
            <source>Full address field</source>
            <translation>Champ d'adresse complète</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="373" />
            <source>Gap of {} m² between features {}</source>
            <translation>Vide de {} m² entre les entités {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="181" />
            <source>Gaps and overlaps smaller than this are ignored (m²)</source>
            <translation>Les vides et chevauchements plus petits que ceci sont ignorés (m²)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="400" />
            <source>Gaps between polygons</source>
            <translation>Vides entre polygones</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="52" />
            <source>Generalisation levels</source>
            <translation>Niveaux de généralisation</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="121" />
            <source>Generalised to INSEE grid cells (200 m to 8 km)</source>
            <translation>Généralisé aux carreaux INSEE (200 m à 8 km)</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="37" />
            <source>Generated by TerriData on {}</source>
            <translation>Produit par TerriData le {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="52" />
            <source>GeoPackage (*.gpkg)</source>
            <translation>GeoPackage (*.gpkg)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="52" />
            <source>GeoPackage (one layer per part of France)</source>
            <translation>GeoPackage (une couche par partie de la France)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="96" />
            <source>Geocode addresses</source>
            <translation>Géocoder des adresses</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="170" />
            <source>Geocoded addresses</source>
            <translation>Adresses géocodées</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="279" />
            <source>Geocoding cancelled</source>
            <translation>Géocodage annulé</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="272" />
            <source>Geocoding failed: {}</source>
            <translation>Le géocodage a échoué : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="101" />
            <source>Geographic datasets only</source>
            <translation>Jeux de données géographiques uniquement</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="130" />
            <source>Geographic level</source>
            <translation>Niveau géographique</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="33" />
            <source>Geomask points (donut masking)</source>
            <translation>Flouter des points (masquage en anneau)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="165" />
            <source>Geomasking of {} failed: {}</source>
            <translation>Le géomasquage de {} a échoué : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="203" />
            <source>Geometries repaired</source>
            <translation>Géométries réparées</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="212" />
            <source>Geometries still invalid after repair</source>
            <translation>Géométries toujours invalides après réparation</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="123" />
            <source>Geometry</source>
            <translation>Géométrie</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="208" />
            <source>Geometry from X/Y columns: give the X and Y column names</source>
            <translation>Géométrie à partir de colonnes X/Y : indiquez les noms des colonnes X et Y</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="210" />
            <source>Geometry from a WKT column: give the column name</source>
            <translation>Géométrie à partir d'une colonne WKT : indiquez le nom de la colonne</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="214" />
            <source>Geometry from a territory code: give the code column, a boundary layer and its code field</source>
            <translation>Géométrie à partir d'un code de territoire : indiquez la colonne de code, une couche de limites et son champ de code</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="200" />
            <source>Geometry repair of {}</source>
            <translation>Réparation des géométries de {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="211" />
            <source>Give a Melodi dataset identifier such as DS_POPULATIONS_REFERENCE (got {!r}).</source>
            <translation>Donnez un identifiant de jeu de données Melodi tel que DS_POPULATIONS_REFERENCE (reçu : {!r}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="393" />
            <source>Give a file for the Table Schema report.</source>
            <translation>Indiquez un fichier pour le rapport Table Schema.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_observations.py" line="80" />
            <source>Give at least one datastream id.</source>
            <translation>Donnez au moins un identifiant de Datastream.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="89" />
            <source>Give at least one station code.</source>
            <translation>Donnez au moins un code de station.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="172" />
            <source>Give either a key field or zones, not both.</source>
            <translation>Donnez soit un champ clé, soit des zones, pas les deux.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="86" />
            <source>Give territory codes or an extent.</source>
            <translation>Donnez des codes de territoire ou une emprise.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="217" />
            <source>Give the code of the {} to load (Area code).</source>
            <translation>Donnez le code de {} à charger (Code de la zone).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="132" />
            <source>Give the test parameters either as text or as a file, not both</source>
            <translation>Donnez les paramètres des tests soit en texte, soit dans un fichier, pas les deux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="284" />
            <source>Grid cells</source>
            <translation>Carreaux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="89" />
            <source>Grid cells with statistics</source>
            <translation>Carreaux avec statistiques</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="117" />
            <source>Grid heat map (INSEE 200 m / 1 km cells)</source>
            <translation>Carte de chaleur sur grille (carreaux INSEE de 200 m / 1 km)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="227" />
            <source>Grid {} (EPSG:{}): {} points.</source>
            <translation>Grille {} (EPSG:{}) : {} points.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="275" />
            <source>Gross range test</source>
            <translation>Test d'étendue brute</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="330" />
            <location filename="../processing/algorithms/repair_geometries.py" line="78" />
            <location filename="../processing/algorithms/sensor_qc.py" line="115" />
            <source>HTML files (*.html)</source>
            <translation>Fichiers HTML (*.html)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="330" />
            <source>HTML report</source>
            <translation>Rapport HTML</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="57" />
            <source>Harmonise territorial codes</source>
            <translation>Harmoniser les codes territoriaux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="135" />
            <source>Harmonised</source>
            <translation>Harmonisé</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="65" />
            <source>Hour</source>
            <translation>Heure</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="34" />
            <source>Hourly</source>
            <translation>Horaire</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="180" />
            <source>How many times a busy server (429, 502, 503, 504) is asked again.</source>
            <translation>Nombre de nouvelles demandes à un serveur surchargé (429, 502, 503, 504).</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="107" />
            <source>Hub'Eau address</source>
            <translation>Adresse de Hub'Eau</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="135" />
            <source>Hub'Eau asks for moderate use of its free API.</source>
            <translation>Hub'Eau demande un usage modéré de son API gratuite.</translation>
        </message>
        <message>
            <location filename="../providers/sensors/hubeau.py" line="145" />
            <source>Hub'Eau does not know the station code(s) {} ({}). Run 'Hub'Eau stations' to find the codes of your territory.</source>
            <translation>Hub'Eau ne connaît pas le ou les codes de station {} ({}). Lancez « Stations Hub'Eau » pour trouver les codes de votre territoire.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="60" />
            <source>Hub'Eau observations</source>
            <translation>Observations Hub'Eau</translation>
        </message>
        <message>
            <location filename="../providers/sensors/hubeau.py" line="64" />
            <source>Hub'Eau sent the same next-page link twice: reading stopped (it would loop).</source>
            <translation>Hub'Eau a renvoyé deux fois le même lien de page suivante : lecture arrêtée (elle bouclerait).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="62" />
            <source>Hub'Eau stations</source>
            <translation>Stations Hub'Eau</translation>
        </message>
        <message>
            <location filename="../providers/sensors/hubeau.py" line="59" />
            <source>Hub'Eau's next-page link points to another server ({}): refused.</source>
            <translation>Le lien de page suivante de Hub'Eau pointe vers un autre serveur ({}) : refusé.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="34" />
            <source>Hydrometry (water level and flow)</source>
            <translation>Hydrométrie (hauteur d’eau et débit)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="50" />
            <source>Hydrometry, daily and monthly values</source>
            <translation>Hydrométrie, valeurs journalières et mensuelles</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="49" />
            <source>Hydrometry, real-time observations (H, Q)</source>
            <translation>Hydrométrie, observations en temps réel (H, Q)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="119" />
            <source>I declare that this table holds no personal data (recorded in the dataset's metadata)</source>
            <translation>Je déclare que cette table ne contient aucune donnée personnelle (inscrit dans les métadonnées du jeu de données)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="60" />
            <source>IGN WFS address</source>
            <translation>Adresse du WFS de l'IGN</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="68" />
            <source>IGN WMS address (raster)</source>
            <translation>Adresse du WMS de l'IGN (raster)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="72" />
            <source>IGN WMS address (vector)</source>
            <translation>Adresse du WMS de l'IGN (vecteur)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="64" />
            <source>IGN WMTS address</source>
            <translation>Adresse du WMTS de l'IGN</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="76" />
            <source>IGN geocoding address</source>
            <translation>Adresse du service de géocodage de l'IGN</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="80" />
            <source>INSEE Melodi address</source>
            <translation>Adresse de Melodi (INSEE)</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="144" />
            <source>INSEE Melodi answered after {:.0f} s (its limit is 30 requests a minute).</source>
            <translation>INSEE Melodi a répondu après {:.0f} s (sa limite est de 30 requêtes par minute).</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="123" />
            <source>INSEE Melodi does not know the dataset {} (HTTP 404). Check its identifier in the catalogue (https://catalogue-donnees.insee.fr), e.g. DS_POPULATIONS_REFERENCE.</source>
            <translation>INSEE Melodi ne connaît pas le jeu de données {} (HTTP 404). Vérifiez son identifiant dans le catalogue (https://catalogue-donnees.insee.fr), par exemple DS_POPULATIONS_REFERENCE.</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="168" />
            <source>INSEE Melodi does not know the dataset {} (HTTP 500, and it is not in its catalogue). Check its identifier in the catalogue (https://catalogue-donnees.insee.fr), e.g. DS_POPULATIONS_REFERENCE.</source>
            <translation>INSEE Melodi ne connaît pas le jeu de données {} (HTTP 500, et il ne figure pas dans son catalogue). Vérifiez son identifiant dans le catalogue (https://catalogue-donnees.insee.fr), par exemple DS_POPULATIONS_REFERENCE.</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="156" />
            <source>INSEE Melodi failed on its side on the dataset {} (HTTP 500, server error); the dataset is in its catalogue, so the identifier is right. Try again later.</source>
            <translation>INSEE Melodi a échoué de son côté sur le jeu de données {} (HTTP 500, erreur du serveur) ; le jeu de données figure dans son catalogue, l'identifiant est donc correct. Réessayez plus tard.</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="162" />
            <source>INSEE Melodi failed on the dataset {} (HTTP 500, server error), and its catalogue could not be read to check the identifier. Try again later; if it persists, check the identifier in the catalogue (https://catalogue-donnees.insee.fr).</source>
            <translation>INSEE Melodi a échoué sur le jeu de données {} (HTTP 500, erreur du serveur) et son catalogue n'a pas pu être lu pour vérifier l'identifiant. Réessayez plus tard ; si l'erreur persiste, vérifiez l'identifiant dans le catalogue (https://catalogue-donnees.insee.fr).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="297" />
            <source>INSEE Melodi has no data of {} for {} (period {}, filters {}). Check the period and the filters against the dataset's description.</source>
            <translation>INSEE Melodi n'a pas de données de {} pour {} (période {}, filtres {}). Vérifiez la période et les filtres par rapport à la description du jeu de données.</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="131" />
            <source>INSEE Melodi rejected the request on {} (HTTP 400): check the geographic level, the period and the dimension filters against the dataset's description. Details: {}</source>
            <translation>INSEE Melodi a refusé la requête sur {} (HTTP 400) : vérifiez le niveau géographique, la période et les filtres de dimensions par rapport à la description du jeu de données. Détails : {}</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="287" />
            <source>INSEE Melodi returned unexpected data for {}: {}</source>
            <translation>INSEE Melodi a renvoyé des données inattendues pour {} : {}</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="265" />
            <source>INSEE Melodi: request {} of {} ({} territories)</source>
            <translation>INSEE Melodi : requête {} sur {} ({} territoires)</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="292" />
            <source>INSEE Melodi: {} of {} observations received</source>
            <translation>INSEE Melodi : {} observations reçues sur {}</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="131" />
            <source>INSEE allows 30 requests per minute without a key.</source>
            <translation>L'INSEE autorise 30 requêtes par minute sans clé.</translation>
        </message>
        <message>
            <location filename="../providers/insee/provider.py" line="95" />
            <source>INSEE catalogue unavailable: {}</source>
            <translation>Catalogue de l'INSEE indisponible : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="121" />
            <source>INSEE commune code field (restricts each address to its commune)</source>
            <translation>Champ du code de commune INSEE (limite chaque adresse à sa commune)</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="109" />
            <source>INSEE commune codes were not checked against the COG (no referential available).</source>
            <translation>Les codes commune INSEE n’ont pas été vérifiés dans le COG (aucun référentiel disponible).</translation>
        </message>
        <message>
            <location filename="../providers/insee/geo_api.py" line="104" />
            <source>INSEE geographic API: reading the COG of {}</source>
            <translation>API géographique de l'INSEE : lecture du COG {}</translation>
        </message>
        <message>
            <location filename="../providers/insee/geo_api.py" line="72" />
            <source>INSEE geographic API: unexpected answer for {}</source>
            <translation>API géographique de l'INSEE : réponse inattendue pour {}</translation>
        </message>
        <message>
            <location filename="../providers/insee/geo_api.py" line="140" />
            <source>INSEE geographic API: {} not available ({}); skipped</source>
            <translation>API géographique de l'INSEE : {} indisponible ({}) ; ignoré</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="84" />
            <source>INSEE geographic metadata address</source>
            <translation>Adresse des métadonnées géographiques de l'INSEE</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="229" />
            <source>INSEE publishes no gridded data for {}: its cells follow INSEE's rule in the official CRS (EPSG:{}) but join no INSEE file.</source>
            <translation>L'Insee ne publie pas de données carroyées pour {} : ses carreaux suivent la règle de l'Insee dans le SCR officiel (EPSG:{}) mais ne se joignent à aucun fichier de l'Insee.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="195" />
            <source>INSEE statistics</source>
            <translation>Statistiques de l'INSEE</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="294" />
            <source>INSEE statistics of {}: {}</source>
            <translation>Statistiques de l'INSEE de {} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/update_cog.py" line="68" />
            <source>INSEE's geographic API returned no commune for 1 January {}: is this vintage published?</source>
            <translation>L'API géographique de l'INSEE n'a renvoyé aucune commune au 1er janvier {} : ce millésime est-il publié ?</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="80" />
            <source>INSEE's statistics API (INSEE statistics).</source>
            <translation>L'API statistique de l'INSEE (Statistiques INSEE).</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="53" />
            <source>IQR factor</source>
            <translation>facteur de l’IQR</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="239" />
            <source>IQR factor (outlier beyond Q1 − k·IQR or Q3 + k·IQR)</source>
            <translation>Facteur IQR (valeur aberrante au-delà de Q1 − k·IQR ou Q3 + k·IQR)</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="26" />
            <source>ISO 19157 element</source>
            <translation>Élément ISO 19157</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="84" />
            <source>Identifier</source>
            <translation>Identifiant</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="85" />
            <source>Identifiers (SIRET, SIREN keys; COG commune codes)</source>
            <translation>Identifiants (clés SIRET, SIREN ; codes commune du COG)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="95" />
            <source>Image format (empty: the basemap's own)</source>
            <translation>Format d'image (vide : celui du fond de carte)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="68" />
            <source>Image maps of the Géoplateforme, when a basemap is asked for as WMS.</source>
            <translation>Images de la Géoplateforme, quand un fond de carte est demandé en WMS.</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="23" />
            <source>Inference</source>
            <translation>Inférence</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="51" />
            <source>Information loss</source>
            <translation>Perte d’information</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="143" />
            <source>Input rows repeating another row's code (merged into one)</source>
            <translation>Lignes en entrée répétant le code d’une autre ligne (fusionnées en une)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="191" />
            <source>Inset locating the territory in its département</source>
            <translation>Carton de localisation du territoire dans son département</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="192" />
            <source>Invalid INSEE commune code {!r}: expected 5 characters such as 44109 or 2A004</source>
            <translation>Code commune INSEE {!r} invalide : 5 caractères attendus, par exemple 44109 ou 2A004</translation>
        </message>
        <message>
            <location filename="../providers/ign/catalogue.py" line="44" />
            <source>Invalid WFS endpoint {!r}: expected 'name|https://...'</source>
            <translation>Point d'accès WFS {!r} invalide : « nom|https://... » attendu</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="211" />
            <source>Invalid WFS type name {!r}: give one layer name such as BDTOPO_V3:batiment</source>
            <translation>Nom de type WFS {!r} invalide : donnez un nom de couche tel que BDTOPO_V3:batiment</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="341" />
            <source>Invalid dimension filter {!r}: expected DIMENSION=VALUE[,VALUE...]</source>
            <translation>Filtre de dimension {!r} invalide : DIMENSION=VALEUR[,VALEUR...] attendu</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="87" />
            <source>Invalid features after</source>
            <translation>Entités invalides après</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="87" />
            <source>Invalid features before</source>
            <translation>Entités invalides avant</translation>
        </message>
        <message>
            <location filename="../providers/portals/fetch.py" line="33" />
            <source>Invalid filter '{}': expected name=value (for example code_insee__exact=91228).</source>
            <translation>Filtre « {} » invalide : forme attendue nom=valeur (par exemple code_insee__exact=91228).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="131" />
            <source>Invalid geometries (GEOS: first error)</source>
            <translation>Géométries invalides (GEOS : première erreur)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="139" />
            <source>Invalid geometries (QGIS: every error)</source>
            <translation>Géométries invalides (QGIS : toutes les erreurs)</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv.py" line="201" />
            <source>Invalid tabular API filter '{}': expected column__exact, column__contains, …</source>
            <translation>Filtre de l'API tabulaire « {} » invalide : formes attendues colonne__exact, colonne__contains, …</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="231" />
            <source>Invalid territory code {!r}: expected an INSEE code such as 44109, 44 or 2A</source>
            <translation>Code de territoire {!r} invalide : code INSEE attendu, par exemple 44109, 44 ou 2A</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="107" />
            <source>Invalid zone geometries</source>
            <translation>Géométries de zones invalides</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="132" />
            <source>Invalid zones found</source>
            <translation>Zones invalides trouvées</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="34" />
            <source>Irregular</source>
            <translation>Irrégulière</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="325" />
            <location filename="../processing/algorithms/repair_geometries.py" line="73" />
            <location filename="../processing/algorithms/sensor_qc.py" line="110" />
            <source>JSON files (*.json)</source>
            <translation>Fichiers JSON (*.json)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="325" />
            <source>JSON report</source>
            <translation>Rapport JSON</translation>
        </message>
        <message>
            <location filename="../providers/portals/code_join.py" line="25" />
            <source>Joining on a territory code needs a boundary layer with a code field.</source>
            <translation>La jointure sur un code de territoire demande une couche de limites avec un champ de code.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="130" />
            <source>Keep rows whose code is unknown (with their own code)</source>
            <translation>Conserver les lignes dont le code est inconnu (avec leur propre code)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="211" />
            <source>Key fields that must be unique (together)</source>
            <translation>Champs clés qui doivent être uniques (ensemble)</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="136" />
            <source>Key {} = {!r} appears {} times (rows {}{})</source>
            <translation>La clé {} = {!r} apparaît {} fois (lignes {}{})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="140" />
            <source>Keywords (comma-separated)</source>
            <translation>Mots-clés (séparés par des virgules)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="604" />
            <source>Kind</source>
            <translation>Type</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="117" />
            <source>Kind of map</source>
            <translation>Type de carte</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="93" />
            <source>Labels of the statistics, separated by ";" in the same order (empty: the field names)</source>
            <translation>Libellés des statistiques, séparés par « ; » dans le même ordre (vide : les noms des champs)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="184" />
            <source>Landscape</source>
            <translation>Paysage</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="204" />
            <source>Larger answers are refused; files are streamed to disk instead.</source>
            <translation>Les réponses plus grandes sont refusées ; les fichiers sont écrits directement sur disque.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="168" />
            <source>Largest circle diameter (mm, proportional symbols)</source>
            <translation>Diamètre du plus grand cercle (mm, symboles proportionnels)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="160" />
            <source>Largest compression ratio of a zip</source>
            <translation>Taux de compression maximal d'un zip</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="156" />
            <source>Largest expanded size of a zip</source>
            <translation>Taille décompressée maximale d'un zip</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="204" />
            <source>Largest response kept in memory</source>
            <translation>Plus grande réponse gardée en mémoire</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="104" />
            <source>Last update</source>
            <translation>Dernière mise à jour</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="115" />
            <source>Layer</source>
            <translation>Couche</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="105" />
            <source>Layer id in the project</source>
            <translation>Identifiant de la couche dans le projet</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="144" />
            <source>Layer inside the file (zip, GeoPackage)</source>
            <translation>Couche dans le fichier (zip, GeoPackage)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="66" />
            <source>Layer or table</source>
            <translation>Couche ou table</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="162" />
            <source>Layer or table to check</source>
            <translation>Couche ou table à contrôler</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="90" />
            <source>Layer to map</source>
            <translation>Couche à cartographier</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="100" />
            <source>Layer to map (empty: the coverage itself)</source>
            <translation>Couche à cartographier (vide : la couverture elle-même)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="67" />
            <source>Layer to repair</source>
            <translation>Couche à réparer</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="47" />
            <source>Layer to split</source>
            <translation>Couche à découper</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="57" />
            <source>Layers written (name: features)</source>
            <translation>Couches écrites (nom : entités)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="145" />
            <location filename="../processing/algorithms/export_map.py" line="114" />
            <source>Layout name in the project</source>
            <translation>Nom de la mise en page dans le projet</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="143" />
            <location filename="../processing/algorithms/export_map.py" line="113" />
            <source>Layout template (.qpt)</source>
            <translation>Modèle de mise en page (.qpt)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="56" />
            <location filename="../processing/algorithms/export_map.py" line="182" />
            <source>Legend title</source>
            <translation>Titre de la légende</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="274" />
            <source>Level of those codes</source>
            <translation>Niveau de ces codes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="134" />
            <location filename="../ui/catalogue_dock.py" line="31" />
            <source>Licence</source>
            <translation>Licence</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="85" />
            <source>Licence id</source>
            <translation>Identifiant de licence</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="22" />
            <source>Linkability</source>
            <translation>Corrélation</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="145" />
            <source>List the area's territories through the COG instead of Melodi's area filter</source>
            <translation>Lister les territoires de la zone à partir du COG plutôt que par le filtre de zone de Melodi</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="91" />
            <source>Load INSEE statistics</source>
            <translation>Charger des statistiques INSEE</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="85" />
            <source>Load a dataset from an open-data portal</source>
            <translation>Charger un jeu de données d'un portail open data</translation>
        </message>
        <message>
            <location filename="../processing/base.py" line="71" />
            <source>Load data</source>
            <translation>Charger des données</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="176" />
            <source>Loaded layer</source>
            <translation>Couche chargée</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="279" />
            <source>Loading {} for {}</source>
            <translation>Chargement de {} pour {}</translation>
        </message>
        <message>
            <location filename="../maps/thematic.py" line="124" />
            <source>Location</source>
            <translation>Localisation</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="121" />
            <source>Locations are</source>
            <translation>Les localisations sont</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="204" />
            <source>Logo (PNG or SVG)</source>
            <translation>Logo (PNG ou SVG)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="192" />
            <source>Longest API or metadata request</source>
            <translation>Durée maximale d'une requête d'API ou de métadonnées</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="196" />
            <source>Longest data request</source>
            <translation>Durée maximale d'une requête de données</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="200" />
            <source>Longest file download</source>
            <translation>Durée maximale d'un téléchargement de fichier</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="188" />
            <source>Longest retry delay</source>
            <translation>Plus long délai entre deux essais</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="355" />
            <source>Looking up territory {} in {} ({})</source>
            <translation>Recherche du territoire {} dans {} ({})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="132" />
            <source>Manual breaks</source>
            <translation>Seuils manuels</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="151" />
            <source>Manual breaks (e.g. 10; 20; 50)</source>
            <translation>Seuils manuels (p. ex. 10 ; 20 ; 50)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="246" />
            <source>Manual breaks need numbers in "Manual breaks", e.g. 10; 20; 50.</source>
            <translation>Les seuils manuels demandent des nombres dans « Seuils manuels », p. ex. 10 ; 20 ; 50.</translation>
        </message>
        <message>
            <location filename="../maps/classified.py" line="77" />
            <source>Manual breaks outside the values ({} to {}) ignored: {}.</source>
            <translation>Seuils manuels hors des valeurs ({} à {}) ignorés : {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="82" />
            <location filename="../processing/algorithms/export_map.py" line="108" />
            <source>Map file</source>
            <translation>Fichier de la carte</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_map_inputs.py" line="92" />
            <source>Map: {}</source>
            <translation>Carte : {}</translation>
        </message>
        <message>
            <location filename="../processing/base.py" line="76" />
            <source>Maps</source>
            <translation>Cartes</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="72" />
            <source>Maps drawn from the Géoplateforme's vector data.</source>
            <translation>Cartes dessinées à partir des données vecteur de la Géoplateforme.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="118" />
            <source>Margin around each territory (%)</source>
            <translation>Marge autour de chaque territoire (%)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="308" />
            <source>Masked locations cannot be joined exactly to addresses, but repeated releases masked with different seeds could be averaged: publish one masked version only.</source>
            <translation>Les localisations masquées ne peuvent pas être rapprochées exactement des adresses, mais des diffusions répétées masquées avec des graines différentes pourraient être moyennées : ne publiez qu'une seule version masquée.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="111" />
            <source>Masked points</source>
            <translation>Points masqués</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="148" />
            <source>Masking {} points against {} reference units…</source>
            <translation>Masquage de {} points par rapport à {} unités de référence…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="39" />
            <source>Maximum</source>
            <translation>Maximum</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="75" />
            <source>Maximum displacement (m)</source>
            <translation>Déplacement maximal (m)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="109" />
            <source>Maximum number of datasets (0: all)</source>
            <translation>Nombre maximal de jeux de données (0 : tous)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="36" />
            <source>Mean</source>
            <translation>Moyenne</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="116" />
            <source>Measures (comma-separated values of the pivot dimension, or measure names; empty = all)</source>
            <translation>Mesures (valeurs de la dimension pivot séparées par des virgules, ou noms de mesures ; vide = toutes)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="37" />
            <source>Median</source>
            <translation>Médiane</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="111" />
            <source>Melodi dataset identifier</source>
            <translation>Identifiant du jeu de données Melodi</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="34" />
            <source>Message</source>
            <translation>Message</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="155" />
            <source>Method</source>
            <translation>Méthode</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="175" />
            <source>Method used (single or batch)</source>
            <translation>Méthode utilisée (unitaire ou groupée)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="227" />
            <source>Method used: {}</source>
            <translation>Méthode utilisée : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="38" />
            <source>Minimum</source>
            <translation>Minimum</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="201" />
            <source>Minimum completeness of those fields (%)</source>
            <translation>Complétude minimale de ces champs (%)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="66" />
            <source>Minimum displacement (m)</source>
            <translation>Déplacement minimal (m)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="139" />
            <source>Minimum score (0 to 1): results below are kept without a point</source>
            <translation>Score minimal (0 à 1) : les résultats en dessous sont conservés sans point</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="84" />
            <source>Minimum spatial k</source>
            <translation>k spatial minimal</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="152" />
            <source>Missing key value in '{}'</source>
            <translation>Valeur de clé manquante dans « {} »</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="128" />
            <source>Missing or empty geometries</source>
            <translation>Géométries absentes ou vides</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="97" />
            <source>Missing value in '{}'</source>
            <translation>Valeur manquante dans « {} »</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="68" />
            <source>Month</source>
            <translation>Mois</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="34" />
            <source>Monthly</source>
            <translation>Mensuelle</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="163" />
            <source>My territory</source>
            <translation>Mon territoire</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="604" />
            <source>Name</source>
            <translation>Nom</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="423" />
            <source>National map: metropolitan France with the five overseas départements in insets.</source>
            <translation>Carte nationale : la France métropolitaine et les cinq départements d'outre-mer en cartons.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="62" />
            <location filename="../processing/algorithms/export_map.py" line="132" />
            <source>Natural breaks (Jenks)</source>
            <translation>Seuils naturels (Jenks)</translation>
        </message>
        <message>
            <location filename="../maps/classified.py" line="88" />
            <source>Natural breaks computed on a fixed sample of the values (too many distinct values).</source>
            <translation>Seuils naturels calculés sur un échantillon fixe des valeurs (trop de valeurs distinctes).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="68" />
            <source>Network</source>
            <translation>Réseau</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="232" />
            <source>Network and cache</source>
            <translation>Réseau et cache</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="54" />
            <source>Never</source>
            <translation>Jamais</translation>
        </message>
        <message>
            <location filename="../core/cog/referential.py" line="260" />
            <source>No COG vintage before {} in the referential; codes that old can only be followed to their successors (successors(code, {}, {}))</source>
            <translation>Aucun millésime du COG antérieur à {} dans le référentiel ; des codes aussi anciens ne peuvent être suivis que vers leurs successeurs (successors(code, {}, {}))</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="143" />
            <source>No COG vintage {} in TerriData's referential: choose one of {}.</source>
            <translation>Pas de millésime du COG {} dans le référentiel de TerriData : choisissez parmi {}.</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="249" />
            <source>No INSEE dataset identifier given</source>
            <translation>Aucun identifiant de jeu de données de l'INSEE n'a été donné</translation>
        </message>
        <message>
            <location filename="../toolbelt/auth.py" line="62" />
            <source>No authentication configuration was given: choose one that holds the key.</source>
            <translation>Aucune configuration d'authentification n'a été donnée : choisissez-en une qui contient la clé.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="335" />
            <source>No blocking problem</source>
            <translation>Aucun problème bloquant</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="17" />
            <source>No blocking problem found</source>
            <translation>Aucun problème bloquant</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_map_inputs.py" line="64" />
            <source>No context layer for the inset (give one in {}): the map has no inset.</source>
            <translation>Pas de couche de contexte pour le carton de localisation (indiquez-en une dans {}) : la carte n’a pas de carton.</translation>
        </message>
        <message>
            <location filename="../maps/thematic.py" line="138" />
            <source>No data</source>
            <translation>Pas de données</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="85" />
            <source>No feature of {} lies in a part of France (metropolitan France, the overseas départements and collectivities) in its CRS {}: check the layer's CRS (Layer Properties &gt; Source).</source>
            <translation>Aucune entité de {} n'est située dans une partie de la France (France métropolitaine, départements et collectivités d'outre-mer) dans son système de coordonnées {} : vérifiez le système de coordonnées de la couche (Propriétés de la couche &gt; Source).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="123" />
            <source>No geometry</source>
            <translation>Sans géométrie</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="515" />
            <source>No identifier or pseudonym is published, so records cannot be linked by key; a record can only be matched to a group of at least {} records. Exports of overlapping data with different generalisations could be combined: publish each dataset with one generalisation.</source>
            <translation>Aucun identifiant ni pseudonyme n'est publié, les enregistrements ne peuvent donc pas être liés par une clé ; un enregistrement ne peut être rapproché que d'un groupe d'au moins {} enregistrements. Des exports de données qui se recouvrent avec des généralisations différentes pourraient être combinés : publiez chaque jeu de données avec une seule généralisation.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="310" />
            <source>No observation has a readable timestamp (and a zone): check the field {}.</source>
            <translation>Aucune observation n'a d'horodatage lisible (et de zone) : vérifiez le champ {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="493" />
            <source>No point falls in any zone: check that the point and zone layers overlap and that their CRS are the ones their coordinates are in.</source>
            <translation>Aucun point ne tombe dans une zone : vérifiez que les couches de points et de zones se recouvrent et que leurs SCR sont bien ceux de leurs coordonnées.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="218" />
            <source>No point of {} (CRS {}) falls in the area of a grid (EPSG:3035 in Europe, the local CRS overseas): check the layer's CRS and coordinates.</source>
            <translation>Aucun point de {} (SCR {}) ne tombe dans la zone d'une grille (EPSG:3035 en Europe, le SCR local outre-mer) : vérifiez le SCR et les coordonnées de la couche.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="346" />
            <source>No published cell counts between 1 and {} units; cells dominated by one contributor are hidden.</source>
            <translation>Aucune case publiée ne compte entre 1 et {} unités ; les cases dominées par un contributeur sont masquées.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="319" />
            <source>No quasi-identifier was declared: k-anonymity holds trivially if there are at least k records.</source>
            <translation>Aucun quasi-identifiant n'a été déclaré : le k-anonymat est trivialement respecté s'il y a au moins k enregistrements.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="539" />
            <source>No sensitive attribute was declared: groups whose records all share a value would reveal it.</source>
            <translation>Aucun attribut sensible n'a été déclaré : les groupes dont tous les enregistrements partagent une valeur la révéleraient.</translation>
        </message>
        <message>
            <location filename="../core/cog/referential.py" line="448" />
            <source>No vintage of the COG referential has codes of level {!r}</source>
            <translation>Aucun millésime du référentiel COG n’a de codes de niveau {!r}</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="188" />
            <source>No wait between two retries is longer than this.</source>
            <translation>Aucune attente entre deux essais n'est plus longue.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="94" />
            <source>Non-empty cells written</source>
            <translation>Carreaux non vides écrits</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="189" />
            <source>North arrow</source>
            <translation>Flèche du nord</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="326" />
            <source>Not a rate limit: {!r} (expected requests/seconds, e.g. 30/1)</source>
            <translation>Limite de débit invalide : {!r} (attendu requêtes/secondes, par exemple 30/1)</translation>
        </message>
        <message>
            <location filename="../core/cog/referential.py" line="297" />
            <source>Not a year or an ISO date (YYYY-MM-DD): {!r}</source>
            <translation>Ni une année ni une date ISO (AAAA-MM-JJ) : {!r}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="327" />
            <source>Not configured for these properties: every observation UNKNOWN (not evaluated)</source>
            <translation>Non configuré pour ces grandeurs : chaque observation est UNKNOWN (non évaluée)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="92" />
            <source>Not exported</source>
            <translation>Non exporté</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="47" />
            <source>Notes</source>
            <translation>Remarques</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="136" />
            <source>Nothing was exported from {}: no 64 km cell holds {} units or more ({} units in all). Aggregate to larger zones (départements, régions) or lower the threshold.</source>
            <translation>Rien n'a été exporté de {} : aucun carreau de 64 km ne contient {} unités ou plus ({} unités en tout). Agrégez à des zones plus grandes (départements, régions) ou abaissez le seuil.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="366" />
            <source>Nothing was exported from {}: {}</source>
            <translation>Rien n'a été exporté de {} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="240" />
            <source>Nothing was exported from {}: {} of {} points do not reach k = {} within {} m, more than the budget of {:.1f} %. What would work: increase the maximum displacement (e.g. {} m); use a denser or more complete reference population, or lower the minimum k; raise the suppression budget to {:.1f} %.</source>
            <translation>Rien n'a été exporté de {} : {} points sur {} n'atteignent pas k = {} dans un rayon de {} m, plus que le budget de {:.1f} %. Ce qui fonctionnerait : augmenter le déplacement maximal (par exemple {} m) ; utiliser une population de référence plus dense ou plus complète, ou abaisser le k minimal ; porter le budget de suppression à {:.1f} %.</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="211" />
            <source>Nothing was written.</source>
            <translation>Rien n’a été écrit.</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="212" />
            <source>Nothing was written. Files already at the output paths are from an earlier run and were left untouched: {}.</source>
            <translation>Rien n'a été écrit. Les fichiers déjà présents aux chemins de sortie proviennent d'une exécution précédente et n'ont pas été modifiés : {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="57" />
            <location filename="../processing/algorithms/export_map.py" line="146" />
            <source>Number of classes</source>
            <translation>Nombre de classes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="127" />
            <source>Number of datasets</source>
            <translation>Nombre de jeux de données</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="336" />
            <source>Number of errors</source>
            <translation>Nombre d'erreurs</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="195" />
            <source>Number of features</source>
            <translation>Nombre d'entités</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="183" />
            <source>Number of features downloaded</source>
            <translation>Nombre d'entités téléchargées</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="184" />
            <source>Number of features on the server</source>
            <translation>Nombre d'entités sur le serveur</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="186" />
            <source>Number of features the server sent twice (written once)</source>
            <translation>Nombre d'entités envoyées deux fois par le serveur (écrites une seule fois)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="144" />
            <source>Number of pages</source>
            <translation>Nombre de pages</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="185" />
            <source>Number of pages requested</source>
            <translation>Nombre de pages demandées</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="337" />
            <source>Number of problems</source>
            <translation>Nombre de problèmes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="128" />
            <source>Number of resources</source>
            <translation>Nombre de ressources</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="230" />
            <source>Numeric fields checked for outliers (IQR rule)</source>
            <translation>Champs numériques contrôlés pour les valeurs aberrantes (règle IQR)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="47" />
            <source>Numeric fields to summarise</source>
            <translation>Champs numériques à résumer</translation>
        </message>
        <message>
            <location filename="../providers/portals/fetch.py" line="62" />
            <source>ODSQL filters only apply to Opendatasoft portals.</source>
            <translation>Les filtres ODSQL ne s'appliquent qu'aux portails Opendatasoft.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="386" />
            <source>OGR read {} zones where QGIS counts {} in {}: save the zone layer to a GeoPackage and retry.</source>
            <translation>OGR a lu {} zones là où QGIS en compte {} dans {} : enregistrez la couche de zones en GeoPackage et réessayez.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="73" />
            <source>Observation time field (date-time, ISO text or epoch seconds)</source>
            <translation>Champ de l'heure d'observation (date-heure, texte ISO ou secondes depuis l'époque Unix)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_sensors_common.py" line="312" />
            <location filename="../processing/algorithms/hubeau_observations.py" line="81" />
            <location filename="../processing/algorithms/sensorthings_observations.py" line="72" />
            <source>Observations</source>
            <translation>Observations</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="103" />
            <location filename="../processing/algorithms/sensor_qc.py" line="66" />
            <source>Observations (layer or table)</source>
            <translation>Observations (couche ou table)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="120" />
            <source>Observations FAIL</source>
            <translation>Observations FAIL</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="120" />
            <source>Observations GOOD</source>
            <translation>Observations GOOD</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="120" />
            <source>Observations MISSING</source>
            <translation>Observations MISSING</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="120" />
            <source>Observations SUSPECT</source>
            <translation>Observations SUSPECT</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="109" />
            <source>Observations with QC flags</source>
            <translation>Observations avec indicateurs de contrôle qualité</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="155" />
            <source>Observations without a timestamp or zone</source>
            <translation>Observations sans horodatage ou sans zone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="156" />
            <source>Observations without a usable point (with zones only)</source>
            <translation>Observations sans point utilisable (avec zones seulement)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="82" />
            <location filename="../processing/algorithms/sensorthings_observations.py" line="73" />
            <source>Observations written</source>
            <translation>Observations écrites</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="73" />
            <source>Observed property field (selects the parameters)</source>
            <translation>Champ de la grandeur observée (choisit les paramètres)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="73" />
            <source>Observed value field</source>
            <translation>Champ de la valeur observée</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="72" />
            <source>Obsolete {} codes of '{}' (COG {})</source>
            <translation>Codes {} périmés de « {} » (COG {})</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="84" />
            <source>Official geographic code (COG) vintages and territories.</source>
            <translation>Millésimes et territoires du code officiel géographique (COG).</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="200" />
            <source>One file of a portal (CSV, GeoPackage, zip...).</source>
            <translation>Un fichier d'un portail (CSV, GeoPackage, zip…).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="128" />
            <source>One file per page (named from the page names)</source>
            <translation>Un fichier par page (nommé d’après le nom de la page)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="128" />
            <source>One multi-page PDF</source>
            <translation>Un seul PDF de plusieurs pages</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="196" />
            <source>One page of features or one statistics table.</source>
            <translation>Une page d'entités ou un tableau statistique.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="49" />
            <source>One request per address</source>
            <translation>Une requête par adresse</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="123" />
            <source>One request per address, or per 5,000 addresses in batch mode.</source>
            <translation>Une requête par adresse, ou par lot de 5 000 adresses.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="354" />
            <source>Only aggregates are published: no record-level data can be linked to another source.</source>
            <translation>Seuls des agrégats sont publiés : aucune donnée individuelle ne peut être liée à une autre source.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="202" />
            <source>Only counts per cell are published: no record can be linked.</source>
            <translation>Seuls des effectifs par carreau sont publiés : aucun enregistrement ne peut être lié.</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="164" />
            <source>Only my territory</source>
            <translation>Mon territoire seulement</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_stations.py" line="43" />
            <source>Only stations inside this extent</source>
            <translation>Seulement les stations dans cette emprise</translation>
        </message>
        <message>
            <location filename="../processing/database_output.py" line="261" />
            <source>Only {} of the {} rows of the output {} could be written to the table {} of {}.</source>
            <translation>Seules {} des {} lignes de la sortie {} ont pu être écrites dans la table {} de {}.</translation>
        </message>
        <message>
            <location filename="../processing/base.py" line="77" />
            <source>Open data publication</source>
            <translation>Publication en open data</translation>
        </message>
        <message>
            <location filename="../plugin.py" line="63" />
            <source>Open the TerriData algorithms in the Processing toolbox</source>
            <translation>Ouvrir les algorithmes de TerriData dans la boîte à outils de traitements</translation>
        </message>
        <message>
            <location filename="../providers/portals/__init__.py" line="35" />
            <location filename="../ui/options_page.py" line="232" />
            <source>Open-data portals</source>
            <translation>Portails de données ouvertes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="108" />
            <source>Opendatasoft: ODSQL filter applied by the server (where)</source>
            <translation>Opendatasoft : filtre ODSQL appliqué par le serveur (clause WHERE)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="121" />
            <source>Or: house number field</source>
            <translation>Ou : champ du numéro</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="134" />
            <source>Or: one INSEE commune code for every address</source>
            <translation>Ou : un code commune INSEE pour toutes les adresses</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="75" />
            <source>Or: stations inside this extent</source>
            <translation>Ou : les stations dans cette emprise</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="124" />
            <source>Or: zones to assign observation points to</source>
            <translation>Ou : zones auxquelles affecter les points d'observation</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="131" />
            <source>Organisation (id or slug)</source>
            <translation>Organisation (identifiant ou slug)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="78" />
            <source>Organisation / publisher</source>
            <translation>Organisation / producteur</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="184" />
            <source>Orientation</source>
            <translation>Orientation</translation>
        </message>
        <message>
            <location filename="../maps/categorised.py" line="34" />
            <source>Other</source>
            <translation>Autres</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="111" />
            <source>Other WFS services</source>
            <translation>Autres services WFS</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="137" />
            <source>Other fields to drop</source>
            <translation>Autres champs à supprimer</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="116" />
            <source>Other layer: WFS type name (replaces the layer above)</source>
            <translation>Autre couche : nom de type WFS (remplace la couche ci-dessus)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="77" />
            <source>Other layer: WMTS/WMS layer name (replaces the basemap above)</source>
            <translation>Autre couche : nom de couche WMTS/WMS (remplace le fond de carte ci-dessus)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="100" />
            <source>Other layers (points and lines drawn over the map, polygons under it; optional)</source>
            <translation>Autres couches (points et lignes dessinés sur la carte, polygones dessous ; facultatif)</translation>
        </message>
        <message>
            <location filename="../maps/atlas.py" line="102" />
            <location filename="../processing/algorithms/export_atlas.py" line="295" />
            <source>Other territories</source>
            <translation>Autres territoires</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="310" />
            <source>Outliers of '{}' (IQR rule)</source>
            <translation>Valeurs aberrantes de « {} » (règle de l’IQR)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_sensors_common.py" line="64" />
            <location filename="../processing/algorithms/aggregate_time_series.py" line="141" />
            <location filename="../processing/algorithms/export_atlas.py" line="128" />
            <source>Output</source>
            <translation>Sortie</translation>
        </message>
        <message>
            <location filename="../processing/database_output.py" line="101" />
            <source>Output '{}' ({}) would replace the input '{}' ({}), the table {}.{}: choose another table for the output. Nothing was written.</source>
            <translation>La sortie « {} » ({}) remplacerait l’entrée « {} » ({}), la table {}.{} : choisissez une autre table pour la sortie. Rien n’a été écrit.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="149" />
            <source>Output CRS (default Lambert-93, EPSG:2154)</source>
            <translation>SCR de sortie (par défaut Lambert-93, EPSG:2154)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="145" />
            <source>Output CRS (default: the official CRS of the territory, Lambert-93 in metropolitan France)</source>
            <translation>SCR de sortie (par défaut : le SCR officiel du territoire, Lambert-93 en France métropolitaine)</translation>
        </message>
        <message>
            <location filename="../processing/territory_defaults.py" line="193" />
            <source>Output CRS: {} (the official CRS of the territory; choose another in 'Output CRS')</source>
            <translation>SCR de sortie : {} (le SCR officiel du territoire ; choisissez-en un autre dans « SCR de sortie »)</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="244" />
            <source>Output {} would overwrite the input {} ({}). Choose another file for the output.</source>
            <translation>La sortie {} écraserait l'entrée {} ({}). Choisissez un autre fichier pour la sortie.</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="300" />
            <source>Output {}: '{}' is a folder; give a file name.</source>
            <translation>Sortie {} : « {} » est un dossier ; indiquez un nom de fichier.</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="280" />
            <source>Output {}: '{}' is not a complete ogr: destination; write it as ogr:dbname='/path/file.gpkg' table="layer" (geom).</source>
            <translation>Sortie {} : « {} » n'est pas une destination ogr: complète ; écrivez-la sous la forme ogr:dbname='/chemin/fichier.gpkg' table="couche" (geom).</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="288" />
            <source>Output {}: '{}' is not a file name ('|layername=' only works for inputs). To add a layer to an existing GeoPackage, write ogr:dbname='/path/file.gpkg' table="layer" (geom); otherwise choose a file name.</source>
            <translation>Sortie {} : « {} » n'est pas un nom de fichier (« |layername= » ne vaut que pour les entrées). Pour ajouter une couche à un GeoPackage existant, écrivez ogr:dbname='/chemin/fichier.gpkg' table="couche" (geom) ; sinon, choisissez un nom de fichier.</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="363" />
            <source>Output {}: cannot write to {}: {} is not a folder; choose another folder.</source>
            <translation>Sortie {} : impossible d'écrire dans {} : {} n'est pas un dossier ; choisissez un autre dossier.</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="371" />
            <source>Output {}: cannot write to {}: {}; choose another folder.</source>
            <translation>Sortie {} : impossible d'écrire dans {} : {} ; choisissez un autre dossier.</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="303" />
            <source>Output {}: the extension {} of '{}' is not a format this output can be written in. Use {}.</source>
            <translation>Sortie {} : l'extension {} de « {} » ne correspond à aucun format possible pour cette sortie. Utilisez {}.</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="354" />
            <source>Output {}: {} is a folder; give a file name inside it.</source>
            <translation>Sortie {} : {} est un dossier ; indiquez un nom de fichier à l'intérieur.</translation>
        </message>
        <message>
            <location filename="../processing/database_output.py" line="164" />
            <source>Outputs {} and {} are the same table {} of {}: one would replace the other. Choose another table for one of them.</source>
            <translation>Les sorties {} et {} sont la même table {} de {} : l’une remplacerait l’autre. Choisissez une autre table pour l’une d’elles.</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="253" />
            <source>Outputs {} and {} point to the same file ({}): one would replace the other. Give each output its own file.</source>
            <translation>Les sorties {} et {} désignent le même fichier ({}) : l'une remplacerait l'autre. Donnez à chaque sortie son propre fichier.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="403" />
            <source>Overlaps between polygons</source>
            <translation>Chevauchements entre polygones</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="97" />
            <source>Overseas départements in insets</source>
            <translation>Départements d’outre-mer en cartons</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="136" />
            <location filename="../processing/algorithms/export_map.py" line="108" />
            <source>PDF (*.pdf);;PNG (*.png);;SVG (*.svg)</source>
            <translation>PDF (*.pdf);;PNG (*.png);;SVG (*.svg)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="82" />
            <source>PNG (*.png);;PDF (*.pdf)</source>
            <translation>PNG (*.png);;PDF (*.pdf)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="66" />
            <source>Page names from the field</source>
            <translation>Noms des pages tirés du champ</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="183" />
            <source>Page size</source>
            <translation>Format de page</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="116" />
            <source>Page title (may use fields: [% "nom" %]; empty: the page name)</source>
            <translation>Titre de la page (peut utiliser des champs : [% "nom" %] ; vide : le nom de la page)</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings.py" line="219" />
            <source>Page {} of {} has no 'value' list: the answer is not a SensorThings collection.</source>
            <translation>La page {} de {} n'a pas de liste « value » : la réponse n'est pas une collection SensorThings.</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings.py" line="215" />
            <source>Page {} of {} holds an observation TerriData cannot read ({}).</source>
            <translation>La page {} de {} contient une observation que TerriData ne sait pas lire ({}).</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings.py" line="211" />
            <source>Page {} of {}: the answer is cut short or is not valid JSON ({}).</source>
            <translation>Page {} de {} : la réponse est tronquée ou n'est pas du JSON valide ({}).</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings.py" line="97" />
            <source>Page {} of {}: {}</source>
            <translation>Page {} de {} : {}</translation>
        </message>
        <message>
            <location filename="../providers/sensors/hubeau_format.py" line="131" />
            <source>Page {}{} of Hub'Eau's answer has no 'data' list: it is not a Hub'Eau answer.</source>
            <translation>La page {}{} de la réponse de Hub'Eau n'a pas de liste « data » : ce n'est pas une réponse Hub'Eau.</translation>
        </message>
        <message>
            <location filename="../providers/sensors/hubeau.py" line="98" />
            <source>Page {}{} of {}: {}</source>
            <translation>Page {}{} de {} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="117" />
            <source>Page {}{} read ({} observations so far)</source>
            <translation>Page {}{} lue ({} observations jusqu'ici)</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="30" />
            <source>Parameters</source>
            <translation>Paramètres</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="107" />
            <source>Percentile {!r} is not a number: give numbers between 1 and 99, e.g. 10,25,75,90.</source>
            <translation>Le centile {!r} n'est pas un nombre : donnez des nombres entre 1 et 99, par exemple 10,25,75,90.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="111" />
            <source>Percentile {} is out of range: give numbers between 1 and 99.</source>
            <translation>Le centile {} est hors limites : donnez des nombres entre 1 et 99.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="67" />
            <source>Percentiles of each field (comma-separated, e.g. 10,25,75,90)</source>
            <translation>Centiles de chaque champ (séparés par des virgules, par exemple 10,25,75,90)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="202" />
            <source>Period of the joined statistics</source>
            <translation>Période des statistiques jointes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="152" />
            <source>Period(s) (TIME_PERIOD, comma-separated; empty = all)</source>
            <translation>Période(s) (TIME_PERIOD, séparées par des virgules ; vide = toutes)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="93" />
            <source>Persons or households (threshold 11)</source>
            <translation>Personnes ou ménages (seuil 11)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="35" />
            <source>Piezometry (groundwater level)</source>
            <translation>Piézométrie (niveau des nappes)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="51" />
            <source>Piezometry, groundwater levels</source>
            <translation>Piézométrie, niveaux des nappes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="52" />
            <source>Piezometry, real-time levels</source>
            <translation>Piézométrie, niveaux en temps réel</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="96" />
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="127" />
            <source>Point features without a usable point (not counted)</source>
            <translation>Entités sans point utilisable (non comptées)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="70" />
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="100" />
            <source>Points</source>
            <translation>Points</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="38" />
            <source>Points (units)</source>
            <translation>Points (unités)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="95" />
            <source>Points aggregated</source>
            <translation>Points agrégés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="125" />
            <source>Points counted in a zone</source>
            <translation>Points comptés dans une zone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="101" />
            <source>Points outside every grid's area of use (not counted)</source>
            <translation>Points hors de la zone d'emploi de toute grille (non comptés)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="126" />
            <source>Points outside every zone</source>
            <translation>Points hors de toute zone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="92" />
            <source>Points that never reach k are</source>
            <translation>Les points qui n'atteignent jamais k sont</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="47" />
            <source>Points to mask</source>
            <translation>Points à masquer</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="41" />
            <source>Polygon layer to map</source>
            <translation>Couche de polygones à cartographier</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="57" />
            <source>Population count field (empty: each reference feature is one unit)</source>
            <translation>Champ d'effectif de population (vide : chaque entité de référence est une unité)</translation>
        </message>
        <message>
            <location filename="../providers/portals/config.py" line="54" />
            <source>Portal '{}': the URL must start with http:// or https://.</source>
            <translation>Portail « {} » : l'adresse doit commencer par http:// ou https://.</translation>
        </message>
        <message>
            <location filename="../providers/portals/config.py" line="49" />
            <source>Portal '{}': unknown kind '{}' (expected one of {}).</source>
            <translation>Portail « {} » : type « {} » inconnu (attendu : {}).</translation>
        </message>
        <message>
            <location filename="../providers/portals/opendatasoft.py" line="141" />
            <source>Portal '{}': {}</source>
            <translation>Portail « {} » : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="97" />
            <location filename="../processing/algorithms/portal_search.py" line="72" />
            <source>Portal (name from the TerriData settings, or its API URL)</source>
            <translation>Portail (nom dans les paramètres de TerriData, ou adresse de son API)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="140" />
            <source>Portals searched by TerriData; the presets (in grey) always stay.</source>
            <translation>Portails interrogés par TerriData ; les portails prédéfinis (en gris) restent toujours.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="184" />
            <source>Portrait</source>
            <translation>Portrait</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="121" />
            <source>Postcode field</source>
            <translation>Champ du code postal</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="519" />
            <source>Preset: always available (add an entry with the same name to replace it)</source>
            <translation>Prédéfini : toujours disponible (ajoutez une entrée du même nom pour le remplacer)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="232" />
            <source>Privacy</source>
            <translation>Confidentialité</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="243" />
            <source>Privacy gate: passed ({}).</source>
            <translation>Contrôle de confidentialité : accepté ({}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="247" />
            <source>Privacy gate: {} was not published because it may hold personal data. Direct identifiers or free text: {}. Quasi-identifiers: {}. Why no exemption applies: {}. Publish the output of 'Anonymised export (k-anonymity)' with its risk report (JSON), or, if the table holds no personal data (e.g. the public contacts of facilities), declare it with the parameter 'I declare that this table holds no personal data'.</source>
            <translation>Contrôle de confidentialité : {} n'a pas été publié car il peut contenir des données personnelles. Identifiants directs ou texte libre : {}. Quasi-identifiants : {}. Pourquoi aucune exception ne s'applique : {}. Publiez la sortie de « Export anonymisé (k-anonymat) » avec son rapport de risque (JSON) ou, si la table ne contient aucune donnée personnelle (par exemple les coordonnées publiques d'équipements), déclarez-le avec le paramètre « Je déclare que cette table ne contient aucune donnée personnelle ».</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="50" />
            <source>Privacy measures achieved</source>
            <translation>Mesures de protection atteintes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="317" />
            <source>Problem areas (gaps, overlaps, polygons with a geometry problem)</source>
            <translation>Zones à problème (vides, chevauchements, polygones avec un problème de géométrie)</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="28" />
            <location filename="../processing/algorithms/quality_report.py" line="312" />
            <source>Problems</source>
            <translation>Problèmes</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="31" />
            <location filename="../ui/catalogue_dock.py" line="82" />
            <source>Producer</source>
            <translation>Producteur</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="117" />
            <source>Proportional symbols (counts)</source>
            <translation>Symboles proportionnels (effectifs)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="219" />
            <source>Proposed by detection (check it): {}</source>
            <translation>Proposé par la détection (à vérifier) : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="58" />
            <source>Protective grid</source>
            <translation>Carroyage protecteur</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="31" />
            <source>Protective grid (INSEE natural level)</source>
            <translation>Carroyage protecteur (niveau naturel INSEE)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="160" />
            <source>Protects against archives built to fill the disk (zip bombs).</source>
            <translation>Protège des archives conçues pour remplir le disque (bombes zip).</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="31" />
            <location filename="../ui/catalogue_dock.py" line="81" />
            <source>Provider</source>
            <translation>Fournisseur</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="294" />
            <source>Pseudonymisation failed: {}</source>
            <translation>La pseudonymisation a échoué : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="98" />
            <source>Pseudonymisation key (authentication configuration)</source>
            <translation>Clé de pseudonymisation (configuration d'authentification)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="176" />
            <source>Pseudonymisation needs a key: choose an authentication configuration whose password is the key.</source>
            <translation>La pseudonymisation a besoin d'une clé : choisissez une configuration d'authentification dont le mot de passe est la clé.</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="40" />
            <source>Pseudonymisation, not anonymisation:</source>
            <translation>Pseudonymisation, et non anonymisation :</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="90" />
            <source>Pseudonymised (HMAC-SHA-256, still personal data)</source>
            <translation>Pseudonymisés (HMAC-SHA-256, toujours des données personnelles)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="72" />
            <source>Publish to data.gouv.fr</source>
            <translation>Publier sur data.gouv.fr</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="205" />
            <source>Published cells do not overlap (a quadtree of leaves), so no small count can be recovered by subtracting one cell from another.</source>
            <translation>Les carreaux publiés ne se recouvrent pas (feuilles d'un quadtree), aucun petit effectif ne peut donc être retrouvé en soustrayant un carreau d'un autre.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="210" />
            <source>Publishing '{}' to data.gouv.fr…</source>
            <translation>Publication de « {} » sur data.gouv.fr…</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="102" />
            <source>Publishing to data.gouv.fr failed while {}: {}</source>
            <translation>La publication sur data.gouv.fr a échoué lors de l'étape « {} » : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="34" />
            <source>Punctual (once)</source>
            <translation>Ponctuelle (une fois)</translation>
        </message>
        <message>
            <location filename="../core/quality/qartod.py" line="225" />
            <source>QARTOD test {!r} needs the parameter {!r}</source>
            <translation>Le test QARTOD {!r} demande le paramètre {!r}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="115" />
            <source>QC report (HTML)</source>
            <translation>Rapport de contrôle qualité (HTML)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="110" />
            <source>QC report (JSON)</source>
            <translation>Rapport de contrôle qualité (JSON)</translation>
        </message>
        <message>
            <location filename="../maps/atlas.py" line="179" />
            <source>QGIS could not export the atlas to {}: {}</source>
            <translation>QGIS n’a pas pu exporter l’atlas vers {} : {}</translation>
        </message>
        <message>
            <location filename="../maps/export.py" line="44" />
            <source>QGIS could not export the map to {} (error {}).</source>
            <translation>QGIS n'a pas pu exporter la carte vers {} (erreur {}).</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_actions.py" line="157" />
            <source>QGIS could not open {} ({}): {}</source>
            <translation>QGIS n'a pas pu ouvrir {} ({}) : {}</translation>
        </message>
        <message>
            <location filename="../maps/export.py" line="49" />
            <source>QGIS could not save the layout template {}.</source>
            <translation>QGIS n’a pas pu enregistrer le modèle de mise en page {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="106" />
            <source>QGIS data provider</source>
            <translation>Fournisseur de données QGIS</translation>
        </message>
        <message>
            <location filename="../providers/postgis/connection.py" line="105" />
            <source>QGIS has no PostgreSQL provider: use the desktop engine.</source>
            <translation>QGIS n’a pas de fournisseur PostgreSQL : utilisez le moteur bureautique.</translation>
        </message>
        <message>
            <location filename="../processing/base.py" line="74" />
            <source>Quality</source>
            <translation>Qualité</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="121" />
            <source>Quality report</source>
            <translation>Rapport qualité</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="452" />
            <source>Quality report of {}</source>
            <translation>Rapport de qualité de {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="62" />
            <location filename="../processing/algorithms/export_map.py" line="132" />
            <source>Quantiles</source>
            <translation>Quantiles</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="34" />
            <source>Quarterly</source>
            <translation>Trimestrielle</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="117" />
            <source>Quasi-identifiers: ages (→ 5, 10, 20-year bands)</source>
            <translation>Quasi-identifiants : âges (→ tranches de 5, 10, 20 ans)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="119" />
            <source>Quasi-identifiers: commune codes (→ EPCI, département)</source>
            <translation>Quasi-identifiants : codes commune (→ EPCI, département)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="118" />
            <source>Quasi-identifiers: dates (→ week, month, year)</source>
            <translation>Quasi-identifiants : dates (→ semaine, mois, année)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="120" />
            <source>Quasi-identifiers: other (kept or suppressed)</source>
            <translation>Quasi-identifiants : autres (conservés ou supprimés)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="110" />
            <source>Random seed</source>
            <translation>Graine aléatoire</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="165" />
            <source>Random seed (record order)</source>
            <translation>Graine aléatoire (ordre des enregistrements)</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="41" />
            <source>Raster / basemap</source>
            <translation>Raster / fond de carte</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="92" />
            <source>Rate fields (weighted mean)</source>
            <translation>Champs de taux (moyenne pondérée)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="111" />
            <source>Rate fields (weighted means)</source>
            <translation>Champs de taux (moyennes pondérées)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="162" />
            <source>Rate fields need a weight field (for instance the population the rate is computed on)</source>
            <translation>Les champs de taux ont besoin d'un champ de pondération (par exemple la population sur laquelle le taux est calculé)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="152" />
            <source>Rate limit, CKAN portals</source>
            <translation>Limite de débit, portails CKAN</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="135" />
            <source>Rate limit, Hub'Eau</source>
            <translation>Limite de débit, Hub'Eau</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="115" />
            <source>Rate limit, IGN WFS</source>
            <translation>Limite de débit, WFS IGN</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="119" />
            <source>Rate limit, IGN WMTS and WMS</source>
            <translation>Limite de débit, WMTS et WMS IGN</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="123" />
            <source>Rate limit, IGN geocoding</source>
            <translation>Limite de débit, géocodage IGN</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="127" />
            <source>Rate limit, INSEE Melodi</source>
            <translation>Limite de débit, INSEE Melodi</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="131" />
            <source>Rate limit, INSEE geographic API</source>
            <translation>Limite de débit, API géographique INSEE</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="148" />
            <source>Rate limit, Opendatasoft portals</source>
            <translation>Limite de débit, portails Opendatasoft</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="171" />
            <source>Rate limit, SensorThings services</source>
            <translation>Limite de débit, services SensorThings</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="144" />
            <source>Rate limit, data.gouv.fr</source>
            <translation>Limite de débit, data.gouv.fr</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="208" />
            <source>Rate limit, other services</source>
            <translation>Limite de débit, autres services</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="277" />
            <source>Rate of change test</source>
            <translation>Test de taux de variation</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="178" />
            <source>Re-code the boundaries to the statistics' COG vintage first (merged communes dissolved)</source>
            <translation>Recoder d'abord les limites dans le millésime du COG des statistiques (communes fusionnées regroupées)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="420" />
            <source>Re-coding applies to commune codes only; boundaries kept as they are</source>
            <translation>Le recodage ne concerne que les codes commune ; limites conservées telles quelles</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="429" />
            <source>Re-coding the boundaries from the COG {} to the COG {}</source>
            <translation>Recodage des limites du COG {} vers le COG {}</translation>
        </message>
        <message>
            <location filename="../providers/sensors/hubeau.py" line="53" />
            <source>Reading Hub'Eau was cancelled.</source>
            <translation>Lecture de Hub'Eau annulée.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="401" />
            <source>Reading points…</source>
            <translation>Lecture des points…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="248" />
            <source>Reading the input codes</source>
            <translation>Lecture des codes en entrée</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="205" />
            <source>Reading the records…</source>
            <translation>Lecture des enregistrements…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="290" />
            <source>Reading zones…</source>
            <translation>Lecture des zones…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="448" />
            <source>Reading {} features…</source>
            <translation>Lecture de {} entités…</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings.py" line="81" />
            <source>Reading {} was cancelled.</source>
            <translation>Lecture de {} annulée.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="92" />
            <source>Reads only the rows you filter from large CSV files of data.gouv.fr.</source>
            <translation>Ne lit que les lignes filtrées des gros fichiers CSV de data.gouv.fr.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="69" />
            <source>Records (points or table)</source>
            <translation>Enregistrements (points ou table)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="104" />
            <source>Redacted (detected identifiers replaced)</source>
            <translation>Expurgés (identifiants détectés remplacés)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="257" />
            <source>Reference date for 'in the future' (YYYY-MM-DD, empty: today)</source>
            <translation>Date de référence pour « dans le futur » (AAAA-MM-JJ, vide : aujourd'hui)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="50" />
            <source>Reference population (points, or polygons / grid cells with a count)</source>
            <translation>Population de référence (points, ou polygones / carreaux avec un effectif)</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="39" />
            <source>Refused: nothing was exported. {}</source>
            <translation>Refusé : rien n’a été exporté. {}</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="33" />
            <source>Region</source>
            <translation>Région</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="111" />
            <source>Regional platforms or mirrors that publish IGN-like WFS layers.</source>
            <translation>Plateformes régionales ou miroirs qui publient des couches WFS comme celles de l'IGN.</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="99" />
            <source>Relations between columns (custom checks)</source>
            <translation>Relations entre colonnes (contrôles propres au schéma)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="104" />
            <source>Relevance</source>
            <translation>Pertinence</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="485" />
            <source>Remove</source>
            <translation>Supprimer</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="172" />
            <source>Rename the field(s) {}: the output adds fields of that name</source>
            <translation>Renommez le ou les champs {} : la sortie ajoute des champs de ce nom</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="375" />
            <source>Rendering the map of {} ({} features)…</source>
            <translation>Rendu de la carte de {} ({} entités)…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="217" />
            <source>Rendering {} page(s)…</source>
            <translation>Rendu de {} page(s)…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="58" />
            <source>Repair geometries</source>
            <translation>Réparer les géométries</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="95" />
            <source>Repair invalid zones (make valid)</source>
            <translation>Réparer les zones invalides (rendre valide)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="78" />
            <source>Repair report (HTML)</source>
            <translation>Rapport de réparation (HTML)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="73" />
            <source>Repair report (JSON)</source>
            <translation>Rapport de réparation (JSON)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="72" />
            <source>Repaired layer</source>
            <translation>Couche réparée</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="176" />
            <source>Request timeout</source>
            <translation>Délai d'attente d'une requête</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="115" />
            <source>Requests are spaced so as not to exceed the service's published limit.</source>
            <translation>Les requêtes sont espacées pour ne pas dépasser la limite publiée du service.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="77" />
            <location filename="../processing/algorithms/export_map.py" line="217" />
            <source>Resolution (dpi)</source>
            <translation>Résolution (ppp)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="82" />
            <source>Resource format (csv, geojson…)</source>
            <translation>Format de ressource (csv, geojson…)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="103" />
            <source>Resource id or URL (empty: the first loadable one)</source>
            <translation>Identifiant ou adresse de la ressource (vide : la première chargeable)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="126" />
            <source>Resources found</source>
            <translation>Ressources trouvées</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="734" />
            <source>Restore the defaults</source>
            <translation>Rétablir les valeurs par défaut</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="226" />
            <source>Restrict the download by an extent, a polygon layer or a territory code: only one of them</source>
            <translation>Restreignez le téléchargement par une emprise, une couche de polygones ou un code de territoire : un seul d'entre eux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="138" />
            <source>Restrict to a territory: INSEE code (commune, département, région) or SIREN code (EPCI)</source>
            <translation>Restreindre à un territoire : code INSEE (commune, département, région) ou code SIREN (EPCI)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="121" />
            <source>Restrict to extent</source>
            <translation>Restreindre à l'emprise</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="122" />
            <source>Restrict to the polygons of a layer</source>
            <translation>Restreindre aux polygones d'une couche</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="27" />
            <source>Result</source>
            <translation>Résultat</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="180" />
            <source>Retries</source>
            <translation>Nouveaux essais</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_privacy_io.py" line="100" />
            <source>Risk report (HTML)</source>
            <translation>Rapport de risque (HTML)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_privacy_io.py" line="103" />
            <source>Risk report (JSON)</source>
            <translation>Rapport de risque (JSON)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="106" />
            <source>Risk report of the anonymised export (JSON)</source>
            <translation>Rapport de risque de l'export anonymisé (JSON)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="311" />
            <source>Risk report of the anonymised export (k-anonymity, WP29 criteria).</source>
            <translation>Rapport de risque de l'export anonymisé (k-anonymat, critères du G29).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="406" />
            <source>Risk report: anonymised export of {}</source>
            <translation>Rapport de risque : export anonymisé de {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="314" />
            <source>Risk report: confidential table of {}</source>
            <translation>Rapport de risque : tableau confidentiel de {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="273" />
            <source>Risk report: geomasking of {}</source>
            <translation>Rapport de risque : géomasquage de {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="177" />
            <source>Risk report: protective grid of {}</source>
            <translation>Rapport de risque : carroyage protecteur de {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="36" />
            <source>River water quality (physico-chemical sampling)</source>
            <translation>Qualité des cours d’eau (prélèvements physico-chimiques)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="53" />
            <source>River water quality, analyses</source>
            <translation>Qualité des cours d’eau, analyses</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="47" />
            <source>Roll up communes to EPCI, départements or régions</source>
            <translation>Agréger les communes par EPCI, département ou région</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="70" />
            <source>Roll up to</source>
            <translation>Agréger vers</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="206" />
            <source>Rolled {} rows up to {} with the COG {}.</source>
            <translation>{} lignes agrégées au niveau {} avec le COG {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="215" />
            <source>Rolling {} rows up to {} with the COG {}…</source>
            <translation>Agrégation de {} lignes vers {} avec le COG {}…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="132" />
            <source>Round (pretty) breaks</source>
            <translation>Seuils arrondis</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="32" />
            <source>Row / feature</source>
            <translation>Ligne / entité</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="250" />
            <source>Row {}: '{}' is required but empty</source>
            <translation>Ligne {} : « {} » est obligatoire mais vide</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="300" />
            <source>Row {}: primary key {} is empty</source>
            <translation>Ligne {} : la clé primaire {} est vide</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="270" />
            <source>Row {}: value {!r} of '{}' is not of type {}</source>
            <translation>Ligne {} : la valeur {!r} de « {} » n’est pas de type {}</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="137" />
            <source>Row {}: value {!r} of '{}' {}</source>
            <translation>Ligne {} : la valeur {!r} de « {} » {}</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="341" />
            <source>Row {}: value {!r} of '{}' {} (constraint {})</source>
            <translation>Ligne {} : la valeur {!r} de « {} » {} (contrainte {})</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="370" />
            <source>Row {}: {} = {!r} already appears in row {}</source>
            <translation>Ligne {} : {} = {!r} figure déjà à la ligne {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="196" />
            <source>Rows received from INSEE</source>
            <translation>Lignes reçues de l'INSEE</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="198" />
            <source>Rows whose code matched no boundary</source>
            <translation>Lignes dont le code ne correspond à aucune limite</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="196" />
            <source>Rows without geometry</source>
            <translation>Lignes sans géométrie</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="154" />
            <source>Rows written</source>
            <translation>Lignes écrites</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="55" />
            <source>Rules: INSEE statistical confidentiality (frequency threshold 11 for persons and households, 3 for businesses, dominance 85 %), CNIL / EDPB anonymisation criteria. The random seed and any key are never written here.</source>
            <translation>Règles : secret statistique de l’INSEE (seuil de fréquence de 11 pour les personnes et les ménages, de 3 pour les entreprises, dominance de 85 %), critères d’anonymisation de la CNIL et du CEPD. La graine aléatoire et les clés ne sont jamais écrites ici.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="152" />
            <location filename="../processing/algorithms/portal_search.py" line="86" />
            <location filename="../processing/algorithms/quality_report.py" line="274" />
            <location filename="../processing/algorithms/rollup_territories.py" line="41" />
            <source>Région</source>
            <translation>Région</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="49" />
            <source>Régions</source>
            <translation>Régions</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="190" />
            <source>Scale bar</source>
            <translation>Barre d’échelle</translation>
        </message>
        <message>
            <location filename="../providers/schemas/catalogue.py" line="133" />
            <source>Schema '{}' has no version '{}'. Versions: {}.</source>
            <translation>Le schéma « {} » n'a pas de version « {} ». Versions : {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="69" />
            <source>Schema (name or name@version of schema.data.gouv.fr, or a Table Schema .json file)</source>
            <translation>Schéma (nom ou nom@version sur schema.data.gouv.fr, ou fichier Table Schema .json)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="144" />
            <source>Schema: {} ({})</source>
            <translation>Schéma : {} ({})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="61" />
            <source>Search an open-data portal</source>
            <translation>Chercher dans un portail open data</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="160" />
            <source>Search every provider (e.g. bâtiments, population, eau)</source>
            <translation>Chercher chez tous les fournisseurs (par ex. bâtiments, population, eau)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="77" />
            <source>Search text</source>
            <translation>Texte recherché</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="337" />
            <source>Searching the least generalisation meeting k = {}…</source>
            <translation>Recherche de la plus petite généralisation qui respecte k = {}…</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="181" />
            <source>Select a result to see its description, resources and licence.</source>
            <translation>Sélectionnez un résultat pour voir sa description, ses ressources et sa licence.</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="165" />
            <source>Send your territory to the portals that can filter on it</source>
            <translation>Envoyer votre territoire aux portails qui savent filtrer dessus</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="129" />
            <source>Sensitive attribute (for l-diversity)</source>
            <translation>Attribut sensible (pour la l-diversité)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="362" />
            <source>Sensor</source>
            <translation>Capteur</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="283" />
            <source>Sensor QC of {}</source>
            <translation>Contrôle qualité des capteurs de {}</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="232" />
            <source>Sensor endpoints</source>
            <translation>Services de capteurs</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="73" />
            <source>Sensor identifier field</source>
            <translation>Champ identifiant du capteur</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="116" />
            <source>Sensor or zone key field</source>
            <translation>Champ clé du capteur ou de la zone</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="165" />
            <source>Sensor services offered by name; give the address that ends with the version (/v1.1).</source>
            <translation>Services de capteurs proposés par leur nom ; donnez l'adresse qui se termine par la version (/v1.1).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="51" />
            <source>Sensor time-series QC</source>
            <translation>Contrôle qualité des séries de capteurs</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="308" />
            <source>Sensor {} at {}: value {} flagged {} by the {}</source>
            <translation>Capteur {} à {} : valeur {} marquée {} par le {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="343" />
            <source>Sensor {}: {} FAIL, {} SUSPECT, {} MISSING of {} observations</source>
            <translation>Capteur {} : {} FAIL, {} SUSPECT, {} MISSING sur {} observations</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_observations.py" line="48" />
            <source>SensorThings observations</source>
            <translation>Observations SensorThings</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_observations.py" line="56" />
            <location filename="../processing/algorithms/sensorthings_stations.py" line="35" />
            <source>SensorThings service (address ending with the version, or one of: {})</source>
            <translation>Service SensorThings (adresse se terminant par la version, ou l'un de : {})</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="165" />
            <source>SensorThings services</source>
            <translation>Services SensorThings</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_stations.py" line="28" />
            <source>SensorThings stations</source>
            <translation>Stations SensorThings</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="43" />
            <source>Sensors</source>
            <translation>Capteurs</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="332" />
            <source>Sensors that need attention (aggregated flag)</source>
            <translation>Capteurs à surveiller (indicateur agrégé)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="113" />
            <source>Server-side filters: data.gouv.fr tabular API column filters (code__exact=91228&amp;…), Opendatasoft select=…</source>
            <translation>Filtres côté serveur : filtres de colonnes de l'API tabulaire de data.gouv.fr (code__exact=91228&amp;…), select=… pour Opendatasoft</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="82" />
            <source>Service</source>
            <translation>Service</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="89" />
            <source>Service URL (empty: the Géoplateforme URL of the settings)</source>
            <translation>URL du service (vide : l'URL de la Géoplateforme des paramètres)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="713" />
            <source>Service addresses can point to a mirror or a regional platform. Keys and passwords are never stored here: they stay in QGIS's authentication database, chosen by configuration.</source>
            <translation>Les adresses des services peuvent pointer vers un miroir ou une plateforme régionale. Les clés et mots de passe ne sont jamais enregistrés ici : ils restent dans la base d'authentification de QGIS, choisis par configuration.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="232" />
            <source>Services</source>
            <translation>Services</translation>
        </message>
        <message>
            <location filename="../plugin.py" line="64" />
            <source>Settings…</source>
            <translation>Paramètres…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="328" />
            <source>Several periods received: the latest, {}, is joined</source>
            <translation>Plusieurs périodes reçues : la plus récente, {}, est jointe</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="35" />
            <source>Severity</source>
            <translation>Gravité</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="21" />
            <source>Singling out</source>
            <translation>Individualisation</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="94" />
            <source>Skip invalid zones (reported, count NULL)</source>
            <translation>Ignorer les zones invalides (signalées, effectif NULL)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="251" />
            <source>Some observations have no sensor identifier in '{}': fix or filter them</source>
            <translation>Des observations n'ont pas d'identifiant de capteur dans « {} » : corrigez-les ou filtrez-les</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="104" />
            <source>Sort by</source>
            <translation>Trier par</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="79" />
            <source>Sort pages by (expression)</source>
            <translation>Trier les pages par (expression)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="259" />
            <source>Source: {} ({})</source>
            <translation>Source : {} ({})</translation>
        </message>
        <message>
            <location filename="../maps/credits.py" line="89" />
            <source>Sources: not stated</source>
            <translation>Sources : non précisées</translation>
        </message>
        <message>
            <location filename="../maps/credits.py" line="90" />
            <source>Sources: {}</source>
            <translation>Sources : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="292" />
            <source>Spatial k of a point: reference units within the circle centred on its true location whose radius is its displacement (Allshouse et al., 2010). Attributes are copied unchanged: remove identifiers first (anonymised export).</source>
            <translation>k spatial d'un point : unités de référence situées dans le cercle centré sur sa vraie position et de rayon égal à son déplacement (Allshouse et al., 2010). Les attributs sont copiés tels quels : supprimez d'abord les identifiants (export anonymisé).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="276" />
            <source>Spike test</source>
            <translation>Test de pic</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="41" />
            <source>Split a layer by part of France</source>
            <translation>Découper une couche par partie de la France</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="451" />
            <source>Split communes (their boundary goes to the largest successor only): {}</source>
            <translation>Communes scindées (leur limite va au plus grand successeur seulement) : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="345" />
            <source>Split communes, allocated by population{}: {}</source>
            <translation>Communes scindées, réparties selon la population{} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="40" />
            <source>Standard deviation</source>
            <translation>Écart-type</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_sensors_common.py" line="59" />
            <source>Start of the time window (UTC when no time zone)</source>
            <translation>Début de la fenêtre temporelle (UTC sans fuseau horaire)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="68" />
            <source>Station codes, comma-separated</source>
            <translation>Codes de station, séparés par des virgules</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="78" />
            <location filename="../processing/algorithms/sensorthings_stations.py" line="46" />
            <source>Stations</source>
            <translation>Stations</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="79" />
            <location filename="../processing/algorithms/sensorthings_stations.py" line="47" />
            <source>Stations written</source>
            <translation>Stations écrites</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="100" />
            <source>Stations: page {} read</source>
            <translation>Stations : page {} lue</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="42" />
            <source>Statistics</source>
            <translation>Statistiques</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="201" />
            <source>Statistics codes without boundary</source>
            <translation>Codes des statistiques sans limite</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="57" />
            <source>Statistics of each field</source>
            <translation>Statistiques de chaque champ</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="149" />
            <source>Statistics per key and time bucket</source>
            <translation>Statistiques par clé et par intervalle de temps</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="84" />
            <source>Statistics shown on each page (fields of the coverage)</source>
            <translation>Statistiques affichées sur chaque page (champs de la couverture)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="96" />
            <source>Stop and list them</source>
            <translation>S’arrêter et les lister</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="162" />
            <source>Stop the searches still running</source>
            <translation>Arrêter les recherches en cours</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="121" />
            <source>Street field</source>
            <translation>Champ de la voie</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="98" />
            <source>Style (empty: the basemap's own)</source>
            <translation>Style (vide : celui du fond de carte)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="55" />
            <location filename="../processing/algorithms/export_map.py" line="181" />
            <source>Subtitle</source>
            <translation>Sous-titre</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="35" />
            <source>Sum</source>
            <translation>Somme</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="16" />
            <source>Summary</source>
            <translation>Résumé</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="188" />
            <source>Suppressing cells of a table of {} cells…</source>
            <translation>Masquage de cases d'un tableau de {} cases…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="100" />
            <source>Suppression budget (% of points that may fail)</source>
            <translation>Budget de suppression (% de points qui peuvent échouer)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="148" />
            <source>Suppression budget (% of records that may be removed)</source>
            <translation>Budget de suppression (% d'enregistrements qui peuvent être supprimés)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="98" />
            <source>Table (long format)</source>
            <translation>Table (format long)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="302" />
            <source>Table Schema (JSON, e.g. from schema.data.gouv.fr)</source>
            <translation>Table Schema (JSON, par exemple de schema.data.gouv.fr)</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="45" />
            <source>Table Schema file not found: {}</source>
            <translation>Fichier Table Schema introuvable : {}</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="47" />
            <source>Table Schema file {} is not valid JSON: {}</source>
            <translation>Le fichier Table Schema {} n’est pas un JSON valide : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="177" />
            <source>Table Schema report (JSON)</source>
            <translation>Rapport Table Schema (JSON)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="398" />
            <source>Table Schema report written to {}</source>
            <translation>Rapport Table Schema écrit dans {}</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="165" />
            <source>Table Schema: columns and types</source>
            <translation>Table Schema : colonnes et types</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="165" />
            <source>Table Schema: required values</source>
            <translation>Table Schema : valeurs obligatoires</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="165" />
            <source>Table Schema: unique and primary key</source>
            <translation>Table Schema : unicité et clé primaire</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="165" />
            <source>Table Schema: value constraints</source>
            <translation>Table Schema : contraintes sur les valeurs</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="60" />
            <source>Table keyed by commune code</source>
            <translation>Table indexée par code commune</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="63" />
            <location filename="../processing/algorithms/harmonise_cog.py" line="74" />
            <source>Table or layer keyed by commune codes</source>
            <translation>Table ou couche indexée par codes commune</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="111" />
            <source>Table or layer of addresses</source>
            <translation>Table ou couche d'adresses</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="96" />
            <source>Table schemas used to check the files of a portal.</source>
            <translation>Schémas de tables utilisés pour vérifier les fichiers d'un portail.</translation>
        </message>
        <message>
            <location filename="../processing/database_output.py" line="243" />
            <source>Table {} written in the database {}.</source>
            <translation>Table {} écrite dans la base de données {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="81" />
            <source>Tags (comma-separated)</source>
            <translation>Mots-clés (séparés par des virgules)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="93" />
            <source>Target COG vintage</source>
            <translation>Millésime du COG cible</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="140" />
            <source>Temporal coverage: end (YYYY-MM-DD)</source>
            <translation>Couverture temporelle : fin (AAAA-MM-JJ)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="140" />
            <source>Temporal coverage: start (YYYY-MM-DD)</source>
            <translation>Couverture temporelle : début (AAAA-MM-JJ)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="99" />
            <source>Temporal layer (geometry of the sensor or zone)</source>
            <translation>Couche temporelle (géométrie du capteur ou de la zone)</translation>
        </message>
        <message>
            <location filename="../ui/territory_locator.py" line="172" />
            <source>TerriData</source>
            <translation>TerriData</translation>
        </message>
        <message>
            <location filename="../plugin.py" line="62" />
            <source>TerriData algorithms…</source>
            <translation>Algorithmes de TerriData…</translation>
        </message>
        <message>
            <location filename="../plugin.py" line="69" />
            <source>TerriData catalogue</source>
            <translation>Catalogue TerriData</translation>
        </message>
        <message>
            <location filename="../maps/export.py" line="65" />
            <source>TerriData map</source>
            <translation>Carte TerriData</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="48" />
            <source>TerriData risk report · algorithm {} · {}</source>
            <translation>Rapport de risques TerriData · algorithme {} · {}</translation>
        </message>
        <message>
            <location filename="../ui/territory_locator.py" line="125" />
            <source>TerriData territories</source>
            <translation>Territoires TerriData</translation>
        </message>
        <message>
            <location filename="../processing/provider.py" line="79" />
            <source>TerriData: French territorial data</source>
            <translation>TerriData : données territoriales françaises</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_actions.py" line="141" />
            <source>TerriData: adding {}</source>
            <translation>TerriData : ajout de {}</translation>
        </message>
        <message>
            <location filename="../ui/territory_locator.py" line="67" />
            <source>TerriData: boundary of {}</source>
            <translation>TerriData : contour de {}</translation>
        </message>
        <message>
            <location filename="../ui/wdg_ign_layer_choice.py" line="56" />
            <source>TerriData: list the IGN layers</source>
            <translation>TerriData : lister les couches de l'IGN</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_search.py" line="103" />
            <source>TerriData: searching {}</source>
            <translation>TerriData : recherche dans {}</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="586" />
            <source>TerriData: test {}</source>
            <translation>TerriData : tester {}</translation>
        </message>
        <message>
            <location filename="../processing/base.py" line="72" />
            <source>Territorial codes</source>
            <translation>Codes territoriaux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="140" />
            <source>Territorial coverage: COG codes (communes, EPCI, départements, régions), comma-separated</source>
            <translation>Couverture territoriale : codes COG (communes, EPCI, départements, régions), séparés par des virgules</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="273" />
            <source>Territorial coverage: {} are not codes of the current COG (communes, EPCI SIREN, départements, régions). Correct them (e.g. 91228 for Évry-Courcouronnes, 91 for Essonne).</source>
            <translation>Couverture territoriale : {} ne sont pas des codes du COG en vigueur (communes, SIREN d'EPCI, départements, régions). Corrigez-les (par exemple 91228 pour Évry-Courcouronnes, 91 pour l'Essonne).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="126" />
            <source>Territorial totals published</source>
            <translation>Totaux territoriaux publiés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="164" />
            <source>Territory code attribute (empty: the ADMIN EXPRESS one)</source>
            <translation>Attribut du code de territoire (vide : celui d'ADMIN EXPRESS)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="149" />
            <source>Territory code column</source>
            <translation>Colonne du code de territoire</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="170" />
            <source>Territory code field of the boundary layer</source>
            <translation>Champ du code de territoire de la couche de limites</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="123" />
            <source>Territory code joined to boundaries</source>
            <translation>Code de territoire joint aux limites</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="152" />
            <source>Territory code level</source>
            <translation>Niveau du code de territoire</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="70" />
            <source>Territory codes, comma-separated (INSEE codes; SIREN for an EPCI)</source>
            <translation>Codes de territoire, séparés par des virgules (codes INSEE ; SIREN pour un EPCI)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="159" />
            <source>Territory layer (WFS type name; empty: ADMIN EXPRESS of the chosen level)</source>
            <translation>Couche des territoires (nom de type WFS ; vide : ADMIN EXPRESS du niveau choisi)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="69" />
            <location filename="../processing/algorithms/ign_download.py" line="130" />
            <location filename="../processing/algorithms/portal_search.py" line="86" />
            <source>Territory level</source>
            <translation>Niveau de territoire</translation>
        </message>
        <message>
            <location filename="../maps/atlas.py" line="108" />
            <source>Territory of the page</source>
            <translation>Territoire de la page</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="94" />
            <source>Territory: INSEE code (commune, département, région) or SIREN (EPCI)</source>
            <translation>Territoire : code INSEE (commune, département, région) ou SIREN (EPCI)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="447" />
            <source>Test cancelled.</source>
            <translation>Test annulé.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="486" />
            <source>Test connection</source>
            <translation>Tester la connexion</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="101" />
            <source>Test parameters file (JSON, same content)</source>
            <translation>Fichier des paramètres des tests (JSON, même contenu)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="155" />
            <source>Test parameters of '{}': {}</source>
            <translation>Paramètres des tests de « {} » : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="89" />
            <source>Test parameters per property (JSON: {"NO2": {"gross_range": {"fail_span": [0, 1000], "suspect_span": [0, 400]}, "spike": {...}, "rate_of_change": {...}, "flat_line": {...}}, "default": {...}}); empty: built-in defaults</source>
            <translation>Paramètres des tests par grandeur (JSON : {"NO2": {"gross_range": {"fail_span": [0, 1000], "suspect_span": [0, 400]}, "spike": {...}, "rate_of_change": {...}, "flat_line": {...}}, "default": {...}}) ; vide : valeurs par défaut intégrées</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="583" />
            <source>Testing {}…</source>
            <translation>Test de {}…</translation>
        </message>
        <message>
            <location filename="../providers/portals/config.py" line="40" />
            <source>The 'portals' setting is not valid JSON ({}).</source>
            <translation>Le paramètre « portals » n'est pas un JSON valide ({}).</translation>
        </message>
        <message>
            <location filename="../providers/portals/config.py" line="42" />
            <source>The 'portals' setting must be a JSON list of portals.</source>
            <translation>Le paramètre « portals » doit être une liste JSON de portails.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="392" />
            <source>The COG does not know the {} {}: {}</source>
            <translation>Le COG ne connaît pas {} {} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="135" />
            <source>The COG referential could not be loaded: {}</source>
            <translation>Le référentiel du COG n'a pas pu être chargé : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_privacy_io.py" line="415" />
            <source>The COG referential could not be read ({}): EPCI levels fall back to départements.</source>
            <translation>Le référentiel du COG n'a pas pu être lu ({}) : les niveaux EPCI se replient sur les départements.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="428" />
            <source>The COG referential is not available: {}</source>
            <translation>Le référentiel du COG n'est pas disponible : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="529" />
            <source>The COG referential of TerriData cannot be loaded ({}); reinstall the plugin.</source>
            <translation>Le référentiel du COG de TerriData ne peut pas être chargé ({}) ; réinstallez l'extension.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="121" />
            <source>The COG referential {} cannot be read ({}): reinstall the plugin</source>
            <translation>Le référentiel du COG {} ne peut pas être lu ({}) : réinstallez l'extension</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/update_cog.py" line="61" />
            <source>The COG {} could not be read from INSEE's geographic API: {}</source>
            <translation>Le COG {} n'a pas pu être lu depuis l'API géographique de l'INSEE : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/update_cog.py" line="50" />
            <source>The COG {} is embedded in TerriData already; choose a later year.</source>
            <translation>Le COG {} est déjà intégré à TerriData ; choisissez une année ultérieure.</translation>
        </message>
        <message>
            <location filename="../providers/portals/csv_loader.py" line="106" />
            <source>The CSV {} cannot be read ({}).</source>
            <translation>Le CSV {} ne peut pas être lu ({}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="336" />
            <source>The CSV {} could not be read ({}).</source>
            <translation>Le CSV {} n'a pas pu être lu ({}).</translation>
        </message>
        <message>
            <location filename="../providers/portals/csv_loader.py" line="90" />
            <source>The CSV {} has a header but no data row: there is nothing to load.</source>
            <translation>Le CSV {} a un en-tête mais aucune ligne de données : il n'y a rien à charger.</translation>
        </message>
        <message>
            <location filename="../providers/portals/csv_loader.py" line="224" />
            <source>The CSV {} has no column '{}'. Its columns: {}.</source>
            <translation>Le CSV {} n'a pas de colonne « {} ». Ses colonnes : {}.</translation>
        </message>
        <message>
            <location filename="../providers/portals/csv_loader.py" line="52" />
            <source>The CSV {} is empty: it has no header and no row.</source>
            <translation>Le CSV {} est vide : ni en-tête ni ligne.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="330" />
            <source>The CSV {} is empty: nothing to publish.</source>
            <translation>Le CSV {} est vide : rien à publier.</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="180" />
            <source>The INSEE Melodi catalogue has an unexpected shape: {}</source>
            <translation>Le catalogue d'INSEE Melodi a une forme inattendue : {}</translation>
        </message>
        <message>
            <location filename="../providers/portals/extras.py" line="58" />
            <source>The Parquet conversion of {} cannot be read ({}).</source>
            <translation>La conversion Parquet de {} est illisible ({}).</translation>
        </message>
        <message>
            <location filename="../providers/portals/extras.py" line="60" />
            <source>The Parquet conversion of {} cannot be read.</source>
            <translation>La conversion Parquet de {} est illisible.</translation>
        </message>
        <message>
            <location filename="../providers/portals/extras.py" line="48" />
            <source>The Parquet conversion of {} holds {} tables, not one.</source>
            <translation>La conversion Parquet de {} contient {} tables au lieu d’une.</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_actions.py" line="200" />
            <source>The Processing algorithm {} is not available: enable the Processing plugin.</source>
            <translation>L'algorithme de traitement {} n'est pas disponible : activez l'extension Processing.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="268" />
            <source>The QC tests cannot run: {}</source>
            <translation>Les tests de contrôle qualité ne peuvent pas être lancés : {}</translation>
        </message>
        <message>
            <location filename="../toolbelt/auth.py" line="69" />
            <source>The QGIS authentication database is locked: the master password was not entered, so the configuration '{}' cannot be read. Unlock it (Settings &gt; Options &gt; Authentication) and try again.</source>
            <translation>La base d'authentification de QGIS est verrouillée : le mot de passe principal n'a pas été saisi, la configuration « {} » ne peut donc pas être lue. Déverrouillez-la (Préférences &gt; Options &gt; Authentification) puis réessayez.</translation>
        </message>
        <message>
            <location filename="../toolbelt/auth.py" line="39" />
            <source>The QGIS authentication system is disabled ({}), so the authentication configuration '{}' cannot be used. Check the QGIS authentication settings (Settings &gt; Options &gt; Authentication).</source>
            <translation>Le système d'authentification de QGIS est désactivé ({}), la configuration d'authentification « {} » ne peut donc pas être utilisée. Vérifiez les paramètres d'authentification de QGIS (Préférences &gt; Options &gt; Authentification).</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings.py" line="47" />
            <source>The SensorThings address must start with http:// or https:// ({}).</source>
            <translation>L'adresse SensorThings doit commencer par http:// ou https:// ({}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="357" />
            <source>The Table Schema cannot be used: {}</source>
            <translation>Le Table Schema est inutilisable : {}</translation>
        </message>
        <message>
            <location filename="../providers/schemas/catalogue.py" line="109" />
            <source>The Table Schema file {} is not usable: {}</source>
            <translation>Le fichier Table Schema {} n'est pas utilisable : {}</translation>
        </message>
        <message>
            <location filename="../providers/portals/schema_check.py" line="32" />
            <source>The Table Schema {} is not usable: {}</source>
            <translation>Le Table Schema {} n'est pas utilisable : {}</translation>
        </message>
        <message>
            <location filename="../ui/options_page_checks.py" line="18" />
            <source>The address must start with http:// or https://.</source>
            <translation>L'adresse doit commencer par http:// ou https://.</translation>
        </message>
        <message>
            <location filename="../toolbelt/secrets.py" line="163" />
            <source>The address {} contains {}. TerriData does not send credentials written in an address, because an address ends up in logs, messages and caches. Remove them from the address and store them in a QGIS authentication configuration instead (Settings &gt; Options &gt; Authentication).</source>
            <translation>L’adresse {} contient {}. TerriData n’envoie pas d’identifiants écrits dans une adresse, car une adresse finit dans les journaux, les messages et les caches. Retirez-les de l’adresse et enregistrez-les plutôt dans une configuration d’authentification QGIS (Préférences &gt; Options &gt; Authentification).</translation>
        </message>
        <message>
            <location filename="../processing/provider.py" line="58" />
            <source>The algorithm module {} could not be loaded and its algorithms are not available: {}: {}{}</source>
            <translation>Le module d'algorithme {} n'a pas pu être chargé et ses algorithmes ne sont pas disponibles : {} : {}{}</translation>
        </message>
        <message>
            <location filename="../processing/provider.py" line="100" />
            <source>The algorithm {} could not be added to the TerriData provider.</source>
            <translation>L'algorithme {} n'a pas pu être ajouté au fournisseur TerriData.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="178" />
            <source>The amounts of {} add up to 2^53 or more (about 9.007e15): their totals could not be computed exactly. Express them in a larger unit (thousands, millions) first.</source>
            <translation>Les montants de {} totalisent 2^53 ou plus (environ 9,007e15) : leurs totaux ne peuvent pas être calculés exactement. Exprimez-les d'abord dans une unité plus grande (milliers, millions).</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="164" />
            <source>The answer of {} for {} broke off before its end ({}); nothing of it was used. Try again later; if it keeps happening, check the network connection and the proxy settings.</source>
            <translation>La réponse de {} pour {} s’est interrompue avant sa fin ({}) ; rien n’en a été utilisé. Réessayez plus tard ; si cela se reproduit, vérifiez la connexion réseau et les paramètres du proxy.</translation>
        </message>
        <message>
            <location filename="../maps/atlas.py" line="191" />
            <source>The atlas has no page to render.</source>
            <translation>L’atlas n’a aucune page à produire.</translation>
        </message>
        <message>
            <location filename="../toolbelt/auth.py" line="92" />
            <source>The authentication configuration '{}' ({}) holds no password, key or token. Edit it and store the secret in it.</source>
            <translation>La configuration d'authentification « {} » ({}) ne contient ni mot de passe, ni clé, ni jeton. Modifiez-la et enregistrez-y le secret.</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="115" />
            <source>The authentication configuration '{}' could not be applied to the request to {} ({}). Check it in QGIS Settings &gt; Options &gt; Authentication.</source>
            <translation>La configuration d'authentification « {} » n'a pas pu être appliquée à la requête vers {} ({}). Vérifiez-la dans Préférences &gt; Options &gt; Authentification de QGIS.</translation>
        </message>
        <message>
            <location filename="../toolbelt/auth.py" line="80" />
            <source>The authentication configuration '{}' could not be read (wrong master password or damaged authentication database). Unlock the database or recreate the configuration.</source>
            <translation>La configuration d'authentification « {} » n'a pas pu être lue (mot de passe principal erroné ou base d'authentification endommagée). Déverrouillez la base ou recréez la configuration.</translation>
        </message>
        <message>
            <location filename="../toolbelt/auth.py" line="48" />
            <source>The authentication configuration '{}' does not exist in this QGIS profile. Choose an existing configuration (Settings &gt; Options &gt; Authentication) or create one.</source>
            <translation>La configuration d'authentification « {} » n'existe pas dans ce profil QGIS. Choisissez une configuration existante (Préférences &gt; Options &gt; Authentification) ou créez-en une.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="230" />
            <source>The boundary layer has no field {}.</source>
            <translation>La couche de limites n'a pas de champ {}.</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="205" />
            <source>The category field {} has too many distinct values ({}): choose a field with categories.</source>
            <translation>Le champ de catégorie {} a trop de valeurs distinctes ({}) : choisissez un champ de catégories.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="120" />
            <source>The cell size must be a whole number of metres, at least 1.</source>
            <translation>La taille des carreaux doit être un nombre entier de mètres, au moins 1.</translation>
        </message>
        <message>
            <location filename="../maps/grid_heatmap.py" line="33" />
            <source>The cells of {} measure {} m: not an INSEE grid (200 m or 1 km).</source>
            <translation>Les carreaux de {} mesurent {} m : ce n’est pas une grille INSEE (200 m ou 1 km).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="169" />
            <source>The code field {} cannot also be a measure</source>
            <translation>Le champ de code {} ne peut pas être aussi une mesure</translation>
        </message>
        <message>
            <location filename="../providers/portals/csv_loader.py" line="179" />
            <source>The column '{}' holds 'longitude,latitude' pairs (not 'latitude,longitude'): detected.</source>
            <translation>La colonne « {} » contient des paires « longitude,latitude » (et non « latitude,longitude ») : détecté.</translation>
        </message>
        <message>
            <location filename="../providers/portals/csv_loader.py" line="170" />
            <source>The columns '{}' and '{}' hold latitudes and longitudes the wrong way round: detected and swapped.</source>
            <translation>Les colonnes « {} » et « {} » contiennent latitudes et longitudes inversées : détecté et corrigé.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="146" />
            <source>The commune code field and the category field must be different fields.</source>
            <translation>Le champ du code commune et le champ de catégorie doivent être des champs différents.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="195" />
            <source>The coordinates of the layer {} do not fit the CRS it claims, {}: e.g. {}. Its real CRS is probably another one (values like 652000, 6862000 are Lambert-93, EPSG:2154): set the layer's CRS to the one its coordinates are in ('Assign projection', not 'Reproject') and retry.</source>
            <translation>Les coordonnées de la couche {} ne correspondent pas au SCR qu'elle déclare, {} : par exemple {}. Son SCR réel est probablement un autre (des valeurs comme 652000, 6862000 sont du Lambert-93, EPSG:2154) : donnez à la couche le SCR de ses coordonnées (« Définir la projection », pas « Reprojeter ») et relancez.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="245" />
            <source>The coverage {} has no feature (after the filter): the atlas would have no page.</source>
            <translation>La couverture {} n’a aucune entité (après le filtre) : l’atlas n’aurait aucune page.</translation>
        </message>
        <message>
            <location filename="../processing/territory_defaults.py" line="54" />
            <source>The data</source>
            <translation>Les données</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="195" />
            <location filename="../processing/postgis_engine/zones.py" line="250" />
            <source>The database engine cannot run: {}. Choose the automatic or desktop engine.</source>
            <translation>Le moteur base de données ne peut pas s’exécuter : {}. Choisissez le moteur automatique ou bureautique.</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="121" />
            <source>The database {} has PostGIS {}: the database engine needs 3.2 or later.</source>
            <translation>La base de données {} a PostGIS {} : le moteur base de données demande la version 3.2 ou ultérieure.</translation>
        </message>
        <message>
            <location filename="../providers/postgis/connection.py" line="124" />
            <source>The database {} refused the query: {}</source>
            <translation>La base de données {} a refusé la requête : {}</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/rollup.py" line="37" />
            <source>The database {} returned {} parents where {} were expected.</source>
            <translation>La base de données {} a renvoyé {} territoires parents au lieu des {} attendus.</translation>
        </message>
        <message>
            <location filename="../providers/portals/base.py" line="188" />
            <source>The dataset '{}' of {} has no resource '{}'. Its resources: {}.</source>
            <translation>Le jeu de données « {} » de {} n'a pas de ressource « {} ». Ses ressources : {}.</translation>
        </message>
        <message>
            <location filename="../providers/portals/base.py" line="173" />
            <source>The dataset '{}' of {} has no resource in a format TerriData can load ({}).</source>
            <translation>Le jeu de données « {} » de {} n'a aucune ressource dans un format que TerriData sait charger ({}).</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="320" />
            <source>The dataset {} has no dimension {}; its dimensions are: {}</source>
            <translation>Le jeu de données {} n'a pas de dimension {} ; ses dimensions sont : {}</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings.py" line="173" />
            <source>The datastream '{}' does not exist on {}.</source>
            <translation>Le Datastream '{}' n'existe pas sur {}.</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings.py" line="163" />
            <source>The datastream '{}' does not exist on {}. Run 'SensorThings stations' to list the datastream ids of each station (field sensor_ids).</source>
            <translation>Le Datastream '{}' n'existe pas sur {}. Lancez « Stations SensorThings » pour lister les identifiants de Datastreams de chaque station (champ sensor_ids).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_observations.py" line="115" />
            <source>The datastream '{}' has no observation in the chosen time window.</source>
            <translation>Le Datastream '{}' n'a aucune observation dans la fenêtre temporelle choisie.</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="204" />
            <source>The description of {} by INSEE Melodi has an unexpected shape: {}</source>
            <translation>La description de {} par INSEE Melodi a une forme inattendue : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="102" />
            <source>The domain rule 'pattern' of field '{}' cannot be used: {}</source>
            <translation>La règle de domaine « pattern » du champ « {} » est inutilisable : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="76" />
            <source>The domain rules are not valid JSON ({}). Example: {{"type": {{"enum": ["A", "B"]}}}}</source>
            <translation>Les règles de domaine ne sont pas du JSON valide ({}). Exemple : {{"type": {{"enum": ["A", "B"]}}}}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="80" />
            <source>The domain rules must be an object {}, for example {}</source>
            <translation>Les règles de domaine doivent être un objet {}, par exemple {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="304" />
            <source>The embedded COG referential is missing ({}): reinstall the plugin</source>
            <translation>Le référentiel du COG intégré est absent ({}) : réinstallez l'extension</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="359" />
            <source>The exact audit was skipped for very large groups of hidden cells; the margin rule holds.</source>
            <translation>L'audit exact a été omis pour les très grands groupes de cases masquées ; la règle des marges est respectée.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="163" />
            <source>The expression {} is not valid: {}</source>
            <translation>L’expression {} n’est pas valide : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="152" />
            <source>The field mapping for {} does not fit the schema {}: {}. Give the MAPPING parameter as schema_field=layer_field;… (a constant in quotes: COLL_NOM='Ville'; coordinates: @lat, @lon). Proposed by name: {}</source>
            <translation>La correspondance des champs de {} ne convient pas au schéma {} : {}. Indiquez le paramètre MAPPING sous la forme champ_schema=champ_couche;… (une constante entre apostrophes : COLL_NOM='Ville' ; coordonnées : @lat, @lon). Proposition d'après les noms : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="120" />
            <source>The field mapping is not valid: {}.</source>
            <translation>La correspondance des champs n'est pas valide : {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="193" />
            <source>The field {} is declared twice ({} and {}): give each field one role.</source>
            <translation>Le champ {} est déclaré deux fois ({} et {}) : donnez un seul rôle à chaque champ.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="220" />
            <source>The field {} is not in the input table</source>
            <translation>Le champ {} n'est pas dans la table en entrée</translation>
        </message>
        <message>
            <location filename="../maps/classified.py" line="107" />
            <source>The field {} of {} cannot be classified: {}</source>
            <translation>Le champ {} de {} ne peut pas être discrétisé : {}</translation>
        </message>
        <message>
            <location filename="../maps/proportional.py" line="90" />
            <source>The field {} of {} has no positive value to draw as circles.</source>
            <translation>Le champ {} de {} n’a aucune valeur positive à représenter par des cercles.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="119" />
            <source>The field {} of {} has no value (all NULL): there is nothing to map.</source>
            <translation>Le champ {} de {} n'a aucune valeur (tout est NULL) : il n'y a rien à cartographier.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="109" />
            <source>The field {} of {} holds {} values, not numbers: a choropleth needs numbers. Convert it first (Field calculator: to_real("{}")) or choose a numeric field.</source>
            <translation>Le champ {} de {} contient des valeurs de type {}, pas des nombres : une carte choroplèthe a besoin de nombres. Convertissez-le d'abord (calculatrice de champ : to_real("{}")) ou choisissez un champ numérique.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="260" />
            <source>The field {} of {} holds {} values, not numbers: this kind of map needs numbers. Convert it first (Field calculator: to_real("{}")), choose a numeric field, or make a map of categories.</source>
            <translation>Le champ {} de {} contient des valeurs {}, pas des nombres : ce type de carte demande des nombres. Convertissez-le d’abord (calculatrice de champ : to_real("{}")), choisissez un champ numérique ou faites une carte de catégories.</translation>
        </message>
        <message>
            <location filename="../maps/choropleth.py" line="32" />
            <source>The field {} of {} looks like a count: a choropleth of counts makes large territories look important. Map a rate or a density instead (e.g. per km² or per inhabitant), or use proportional symbols.</source>
            <translation>Le champ {} de {} semble être un effectif : des aplats de couleur sur des effectifs font paraître importants les grands territoires. Cartographiez plutôt un taux ou une densité (p. ex. par km² ou par habitant), ou utilisez des symboles proportionnels.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="74" />
            <source>The field {} of {} must hold non-negative numbers of units; {} rows do not: {}. Fix or filter them first.</source>
            <translation>Le champ {} de {} doit contenir des nombres d'unités positifs ou nuls ; {} lignes ne le font pas : {}. Corrigez-les ou filtrez-les d'abord.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="262" />
            <source>The field {} of {} must hold {}; {} rows do not: {}. Fix or filter them first.</source>
            <translation>Le champ {} de {} doit contenir des {} ; {} lignes ne le font pas : {}. Corrigez-les ou filtrez-les d'abord.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="228" />
            <source>The file does not validate against {} (written anyway, as asked). Fields: {}</source>
            <translation>Le fichier n'est pas valide selon {} (écrit malgré tout, comme demandé). Champs : {}</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="94" />
            <source>The file is too large for data.gouv.fr's upload (413). Publish a smaller file (split it by year or territory), or host it elsewhere and reference its address.</source>
            <translation>Le fichier est trop volumineux pour le téléversement sur data.gouv.fr (413). Publiez un fichier plus petit (découpé par année ou par territoire), ou hébergez-le ailleurs et référencez son adresse.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="441" />
            <source>The gap and overlap check needs a polygon layer; {} is not one</source>
            <translation>Le contrôle des vides et chevauchements nécessite une couche de polygones ; {} n'en est pas une</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="124" />
            <source>The image format must be a MIME type such as image/png (got {!r})</source>
            <translation>Le format d'image doit être un type MIME tel que image/png (reçu : {!r})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="149" />
            <source>The input</source>
            <translation>L’entrée</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="110" />
            <source>The input already has a field '{}': rename it before repairing the layer</source>
            <translation>L'entrée a déjà un champ « {} » : renommez-le avant de réparer la couche</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="219" />
            <source>The input already has a field '{}': rename it first</source>
            <translation>L'entrée a déjà un champ « {} » : renommez-le d'abord</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="100" />
            <source>The input already has the field(s) {}: rename or remove them, this algorithm adds them</source>
            <translation>L'entrée a déjà le ou les champs {} : renommez-les ou supprimez-les, cet algorithme les ajoute</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="263" />
            <source>The input has no feature: nothing to harmonise</source>
            <translation>L'entrée n'a aucune entité : rien à harmoniser</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="256" />
            <location filename="../processing/algorithms/export_to_schema.py" line="116" />
            <location filename="../processing/algorithms/protective_grid.py" line="63" />
            <location filename="../processing/algorithms/secret_statistique.py" line="214" />
            <source>The input layer could not be opened.</source>
            <translation>La couche en entrée n'a pas pu être ouverte.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_privacy_io.py" line="250" />
            <source>The input layer of parameter {} could not be opened.</source>
            <translation>La couche en entrée du paramètre {} n'a pas pu être ouverte.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="194" />
            <source>The input or the reference layer could not be opened.</source>
            <translation>La couche en entrée ou la couche de référence n'a pas pu être ouverte.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="158" />
            <source>The input table is empty: nothing to roll up.</source>
            <translation>La table en entrée est vide : rien à agréger.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="237" />
            <source>The input {} holds no point: there is nothing to mask.</source>
            <translation>L'entrée {} ne contient aucun point : il n'y a rien à flouter.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="209" />
            <source>The input {} holds no record: there is nothing to export.</source>
            <translation>L'entrée {} ne contient aucun enregistrement : il n'y a rien à exporter.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="232" />
            <source>The input {} holds no record: there is nothing to tabulate.</source>
            <translation>L'entrée {} ne contient aucun enregistrement : il n'y a rien à tabuler.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="428" />
            <source>The layer covers several parts of France ({}): metropolitan France in Lambert-93 and the overseas départements in insets, each in its official CRS (for one map, set 'Overseas départements in insets' to Never).</source>
            <translation>La couche couvre plusieurs parties de la France ({}) : la France métropolitaine en Lambert-93 et les départements d'outre-mer en cartons, chacun dans son système de coordonnées officiel (pour une seule carte, choisissez « Jamais » pour « Départements d’outre-mer en cartons »).</translation>
        </message>
        <message>
            <location filename="../core/quality/rules.py" line="97" />
            <source>The layer declares a coordinate reference system</source>
            <translation>La couche déclare un système de coordonnées</translation>
        </message>
        <message>
            <location filename="../core/quality/rules.py" line="105" />
            <source>The layer has no coordinate reference system (CRS): positions, areas and the CRS's area of use cannot be checked. Set the right CRS in the layer properties (Source), then run the report again.</source>
            <translation>La couche n’a pas de système de coordonnées (SCR) : les positions, les surfaces et le domaine d’emploi du SCR ne peuvent pas être contrôlés. Définissez le bon SCR dans les propriétés de la couche (Source), puis relancez le rapport.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="251" />
            <source>The layer is added to the project with the attribution {}</source>
            <translation>La couche est ajoutée au projet avec l'attribution {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_map_inputs.py" line="24" />
            <source>The layer of {} could not be opened.</source>
            <translation>La couche de {} n’a pas pu être ouverte.</translation>
        </message>
        <message>
            <location filename="../core/quality/rules.py" line="84" />
            <source>The layer or table has features</source>
            <translation>La couche ou la table contient des entités</translation>
        </message>
        <message>
            <location filename="../core/quality/rules.py" line="87" />
            <source>The layer or table has no feature: nothing could be checked. Check the input (filter, selection, file) before relying on this report.</source>
            <translation>La couche ou la table ne contient aucune entité : rien n’a pu être contrôlé. Vérifiez l’entrée (filtre, sélection, fichier) avant de vous fier à ce rapport.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="72" />
            <source>The layer to split could not be opened.</source>
            <translation>La couche à découper n'a pas pu être ouverte.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="184" />
            <source>The layer {} has no coordinate reference system, so its coordinates cannot be placed: set its CRS (Layer Properties &gt; Source, or 'Assign projection') and retry.</source>
            <translation>La couche {} n'a pas de système de coordonnées de référence : ses coordonnées ne peuvent pas être situées. Définissez son SCR (Propriétés de la couche &gt; Source, ou « Définir la projection ») et relancez.</translation>
        </message>
        <message>
            <location filename="../maps/proportional.py" line="58" />
            <source>The layer {} has no field named {}.</source>
            <translation>La couche {} n'a pas de champ nommé {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="106" />
            <location filename="../processing/algorithms/export_map.py" line="256" />
            <source>The layer {} has no field {}.</source>
            <translation>La couche {} n'a pas de champ {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="251" />
            <source>The layer {} holds geometries that are not points ({}). Keep only its points (e.g. 'Extract by expression' with geometry_type($geometry) = 'Point') and retry.</source>
            <translation>La couche {} contient des géométries qui ne sont pas des points ({}). Ne gardez que ses points (par exemple « Extraire par expression » avec geometry_type($geometry) = 'Point') et relancez.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="238" />
            <source>The layer {} holds geometries that are not points ({}). Keep only its points and retry.</source>
            <translation>La couche {} contient des géométries qui ne sont pas des points ({}). Ne gardez que ses points et relancez.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="92" />
            <location filename="../processing/algorithms/export_map.py" line="233" />
            <source>The layer {} is empty: there is nothing to map.</source>
            <translation>La couche {} est vide : il n'y a rien à cartographier.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="79" />
            <source>The layer {} is empty: there is nothing to split.</source>
            <translation>La couche {} est vide : il n'y a rien à découper.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="236" />
            <source>The layer's CRS ({}) has no known area of use</source>
            <translation>Le SCR de la couche ({}) n'a pas d'emprise d'utilisation connue</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_atlas.py" line="223" />
            <source>The layout {} is in the project's layouts: open it to adjust the atlas.</source>
            <translation>La mise en page {} est dans les mises en page du projet : ouvrez-la pour ajuster l’atlas.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="334" />
            <source>The layout {} is in the project's layouts: open it to adjust the map.</source>
            <translation>La mise en page {} est dans les mises en page du projet : ouvrez-la pour ajuster la carte.</translation>
        </message>
        <message>
            <location filename="../ui/wdg_ign_layer_choice.py" line="52" />
            <source>The list of IGN layers is incomplete: {}</source>
            <translation>La liste des couches de l'IGN est incomplète : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="307" />
            <source>The loaded layer cannot be opened ({}).</source>
            <translation>La couche chargée ne peut pas être ouverte ({}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="249" />
            <source>The logo {} does not exist.</source>
            <translation>Le logo {} n’existe pas.</translation>
        </message>
        <message>
            <location filename="../maps/export.py" line="42" />
            <location filename="../processing/algorithms/export_map.py" line="230" />
            <source>The map file must end in .pdf, .png or .svg (got {}).</source>
            <translation>Le fichier de la carte doit se terminer par .pdf, .png ou .svg (reçu : {}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="99" />
            <source>The map file must end in .png or .pdf (got {}).</source>
            <translation>Le fichier de la carte doit se terminer par .png ou .pdf (reçu : {}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="405" />
            <source>The map is drawn in {} ({}), the official CRS of {}.</source>
            <translation>La carte est dessinée en {} ({}), système de coordonnées officiel de {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="120" />
            <source>The minimum displacement ({} m) must be smaller than the maximum displacement ({} m).</source>
            <translation>Le déplacement minimal ({} m) doit être inférieur au déplacement maximal ({} m).</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="88" />
            <source>The national open-data portal's catalogue.</source>
            <translation>Le catalogue du portail national des données ouvertes.</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings_format.py" line="80" />
            <source>The next-page link of {} is not an absolute address ({}): refused.</source>
            <translation>Le lien de page suivante de {} n'est pas une adresse absolue ({}) : refusé.</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings_format.py" line="84" />
            <source>The next-page link of {} points to another server ({}) than the service ({}): refused, for safety. The service is misconfigured (its public address setting): tell its administrator.</source>
            <translation>Le lien de page suivante de {} pointe vers un autre serveur ({}) que le service ({}) : refusé, par sécurité. Le service est mal configuré (son paramètre d'adresse publique) : prévenez son administrateur.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="168" />
            <source>The observation layer is empty: nothing to aggregate.</source>
            <translation>La couche des observations est vide : rien à agréger.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="218" />
            <source>The oldest answers are removed first when the cache is full.</source>
            <translation>Les réponses les plus anciennes sont supprimées en premier quand le cache est plein.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_privacy_io.py" line="174" />
            <source>The output layer could not be created.</source>
            <translation>La couche de sortie n'a pas pu être créée.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="315" />
            <source>The output must be a GeoPackage (.gpkg) file, not {}</source>
            <translation>La sortie doit être un fichier GeoPackage (.gpkg), pas {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="66" />
            <source>The output must be a GeoPackage (.gpkg), got {}.</source>
            <translation>La sortie doit être un GeoPackage (.gpkg), reçu : {}.</translation>
        </message>
        <message>
            <location filename="../processing/database_output.py" line="339" />
            <source>The output table is already closed: no row can be added.</source>
            <translation>La table de sortie est déjà fermée : aucune ligne ne peut plus y être ajoutée.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="261" />
            <source>The point layer ({}) has no feature: nothing to aggregate.</source>
            <translation>La couche de points ({}) n'a aucune entité : rien à agréger.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="114" />
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="143" />
            <source>The point layer is empty: nothing to aggregate.</source>
            <translation>La couche de points est vide : rien à agréger.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="126" />
            <source>The points span several grids ({}): the cells are written in EPSG:4326 (valid for all); each cell's id names its grid CRS.</source>
            <translation>Les points s'étendent sur plusieurs grilles ({}) : les carreaux sont écrits en EPSG:4326 (valable pour toutes) ; l'identifiant de chaque carreau nomme le SCR de sa grille.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="238" />
            <source>The points span several grids ({}): the cells are written in {} (valid for all); x_min, y_min and grid_crs give each cell in its own grid CRS.</source>
            <translation>Les points s'étendent sur plusieurs grilles ({}) : les carreaux sont écrits en {} (valable pour toutes) ; x_min, y_min et grid_crs donnent chaque carreau dans le SCR de sa propre grille.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="174" />
            <source>The polygons are a partition of the territory (communes, IRIS): look for gaps and overlaps</source>
            <translation>Les polygones forment une partition du territoire (communes, IRIS) : rechercher les vides et chevauchements</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="217" />
            <source>The population count field {} of {} must hold non-negative numbers; {} rows do not: {}. Fix or filter them first.</source>
            <translation>Le champ de population {} de {} doit contenir des nombres positifs ou nuls ; {} lignes ne le font pas : {}. Corrigez-les ou filtrez-les d'abord.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="362" />
            <source>The portal also offers this resource as vector tiles for display (PMTiles): {} (give a file for the vector tiles output to download them).</source>
            <translation>Le portail propose aussi cette ressource en tuiles vectorielles pour l'affichage (PMTiles) : {} (indiquez un fichier pour la sortie « Tuiles vectorielles » pour les télécharger).</translation>
        </message>
        <message>
            <location filename="../providers/portals/extras.py" line="70" />
            <source>The portal offers no vector tiles (PMTiles) for this resource: none written.</source>
            <translation>Le portail ne propose pas de tuiles vectorielles (PMTiles) pour cette ressource : aucune n'est écrite.</translation>
        </message>
        <message>
            <location filename="../providers/portals/extras.py" line="74" />
            <source>The portal offers vector tiles (PMTiles) for this resource, but the GDAL of this QGIS cannot read them (GDAL 3.8 or later is needed): none written.</source>
            <translation>Le portail propose des tuiles vectorielles (PMTiles) pour cette ressource, mais la version de GDAL de ce QGIS ne sait pas les lire (GDAL 3.8 ou ultérieur requis) : aucune n'est écrite.</translation>
        </message>
        <message>
            <location filename="../core/privacy/pseudonym.py" line="24" />
            <source>The pseudonymisation key must be at least {} characters long</source>
            <translation>La clé de pseudonymisation doit faire au moins {} caractères</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="114" />
            <source>The reference date '{}' is not a date (use YYYY-MM-DD)</source>
            <translation>La date de référence « {} » n'est pas une date (utilisez AAAA-MM-JJ)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="344" />
            <source>The report {} could not be read ({}).</source>
            <translation>Le rapport {} n'a pas pu être lu ({}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="346" />
            <source>The report {} is not a TerriData report (JSON object expected).</source>
            <translation>Le rapport {} n'est pas un rapport TerriData (objet JSON attendu).</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="531" />
            <source>The request to {} was cancelled ({}).</source>
            <translation>La requête vers {} a été annulée ({}).</translation>
        </message>
        <message>
            <location filename="../providers/portals/ckan.py" line="192" />
            <source>The resource '{}' is not in the CKAN DataStore, so filters cannot be applied on the server: load it without a filter.</source>
            <translation>La ressource « {} » n'est pas dans le DataStore de CKAN : les filtres ne peuvent pas être appliqués par le serveur. Chargez-la sans filtre.</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv.py" line="192" />
            <source>The resource '{}' is not served by data.gouv.fr's tabular API, so column filters cannot be applied on the server: load it without a filter.</source>
            <translation>La ressource « {} » n'est pas servie par l'API tabulaire de data.gouv.fr : les filtres de colonnes ne peuvent pas être appliqués par le serveur. Chargez-la sans filtre.</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv.py" line="184" />
            <source>The resource '{}' of '{}' has no URL.</source>
            <translation>La ressource « {} » de « {} » n'a pas d'adresse.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="390" />
            <source>The resource declares no Table Schema: nothing to validate.</source>
            <translation>La ressource ne déclare aucun Table Schema : rien à valider.</translation>
        </message>
        <message>
            <location filename="../providers/portals/load_common.py" line="89" />
            <source>The resource {} cannot be read as a vector layer ({}): its content does not match its format.</source>
            <translation>La ressource {} ne peut pas être lue comme couche vecteur ({}) : son contenu ne correspond pas à son format.</translation>
        </message>
        <message>
            <location filename="../providers/portals/load_common.py" line="131" />
            <source>The resource {} could not be converted to a GeoPackage ({}).</source>
            <translation>La ressource {} n'a pas pu être convertie en GeoPackage ({}).</translation>
        </message>
        <message>
            <location filename="../providers/portals/load_common.py" line="136" />
            <source>The resource {} could not be converted to a GeoPackage.</source>
            <translation>La ressource {} n'a pas pu être convertie en GeoPackage.</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="220" />
            <source>The resource {} has no layer '{}'. Its layers: {}.</source>
            <translation>La ressource {} n'a pas de couche « {} ». Ses couches : {}.</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="217" />
            <source>The resource {} has no layer.</source>
            <translation>La ressource {} n'a aucune couche.</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="225" />
            <source>The resource {} holds several layers: {}. Choose one with the 'Layer inside the file' parameter.</source>
            <translation>La ressource {} contient plusieurs couches : {}. Choisissez-en une avec le paramètre « Couche dans le fichier ».</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="109" />
            <source>The resource {} is JSON but not GeoJSON: TerriData cannot make a layer of it.</source>
            <translation>La ressource {} est du JSON mais pas du GeoJSON : TerriData ne peut pas en faire une couche.</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="91" />
            <source>The resource {} is a web page (HTML), not data: the link is probably dead, or redirects to a login page. Open it in a browser to check, or choose another resource of the dataset.</source>
            <translation>La ressource {} est une page web (HTML), pas des données : le lien est probablement mort ou redirige vers une page de connexion. Ouvrez-le dans un navigateur pour vérifier, ou choisissez une autre ressource du jeu de données.</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="99" />
            <source>The resource {} is a {} file, which TerriData does not load as a layer.</source>
            <translation>La ressource {} est un fichier {}, que TerriData ne charge pas comme couche.</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="89" />
            <source>The resource {} is empty (0 bytes): there is nothing to load.</source>
            <translation>La ressource {} est vide (0 octet) : il n'y a rien à charger.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="282" />
            <source>The restriction layer has no polygon: choose a layer with at least one polygon</source>
            <translation>La couche de restriction n'a aucun polygone : choisissez une couche avec au moins un polygone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="492" />
            <source>The same person gets the same pseudonym in every record and in every export made with the same key.</source>
            <translation>La même personne reçoit le même pseudonyme dans chaque enregistrement et dans chaque export fait avec la même clé.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="662" />
            <source>The saved portal list is not valid JSON; it is shown empty.</source>
            <translation>La liste de portails enregistrée n'est pas un JSON valide ; elle est affichée vide.</translation>
        </message>
        <message>
            <location filename="../providers/schemas/catalogue.py" line="120" />
            <source>The schema '{}' is a {} schema, not a Table Schema: TerriData writes tables (CSV) only.</source>
            <translation>Le schéma « {} » est un schéma {}, pas un Table Schema : TerriData n'écrit que des tables (CSV).</translation>
        </message>
        <message>
            <location filename="../providers/schemas/catalogue.py" line="96" />
            <source>The schema catalogue of schema.data.gouv.fr could not be read ({}); the offline snapshot shipped with TerriData is used (a few SCDL and thematic schemas).</source>
            <translation>Le catalogue des schémas de schema.data.gouv.fr n'a pas pu être lu ({}) ; l'instantané hors ligne fourni avec TerriData est utilisé (quelques schémas du SCDL et thématiques).</translation>
        </message>
        <message>
            <location filename="../providers/schemas/catalogue.py" line="173" />
            <source>The schema {}@{} could not be fetched ({}); the offline snapshot is used.</source>
            <translation>Le schéma {}@{} n'a pas pu être téléchargé ({}) ; l'instantané hors ligne est utilisé.</translation>
        </message>
        <message>
            <location filename="../providers/schemas/catalogue.py" line="163" />
            <source>The schema {}@{} could not be read from {} ({}) and is not in the offline snapshot. Check the network, or choose a version shipped with TerriData.</source>
            <translation>Le schéma {}@{} n'a pas pu être lu à l'adresse {} ({}) et ne figure pas dans l'instantané hors ligne. Vérifiez le réseau, ou choisissez une version fournie avec TerriData.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="403" />
            <source>The server announced {} features (numberMatched) but sent {} distinct ones, and nothing more when asked for the next page: its count is an estimate (MapServer counts the candidates of the bounding box before filtering them).</source>
            <translation>Le serveur a annoncé {} entités (numberMatched) mais en a envoyé {} distinctes, et rien de plus quand la page suivante a été demandée : son décompte est une estimation (MapServer compte les candidats de l'emprise avant de les filtrer).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="399" />
            <source>The server sent {} features twice (in two pages); each was written once</source>
            <translation>Le serveur a envoyé {} entités deux fois (dans deux pages) ; chacune a été écrite une seule fois</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="121" />
            <location filename="../processing/algorithms/ign_download.py" line="219" />
            <source>The service URL must start with http:// or https:// (got {!r})</source>
            <translation>L'URL du service doit commencer par http:// ou https:// (reçu : {!r})</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="88" />
            <source>The service has a problem on its side: try again later.</source>
            <translation>Le service a un problème de son côté : réessayez plus tard.</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="692" />
            <source>The service said: {}</source>
            <translation>Le service a répondu : {}</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings_format.py" line="94" />
            <source>The service sent the same next-page link twice for {}: it would loop forever, so reading stopped. The service's paging is broken: tell its administrator.</source>
            <translation>Le service a renvoyé deux fois le même lien de page suivante pour {} : la lecture bouclerait sans fin, elle a donc été arrêtée. La pagination du service est défaillante : prévenez son administrateur.</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="252" />
            <source>The spreadsheet {} has no sheet '{}'. Its sheets: {}.</source>
            <translation>Le classeur {} n'a pas de feuille « {} ». Ses feuilles : {}.</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="249" />
            <source>The spreadsheet {} has no sheet.</source>
            <translation>Le classeur {} n'a aucune feuille.</translation>
        </message>
        <message>
            <location filename="../providers/sensors/hubeau.py" line="180" />
            <source>The start of the time window is after its end.</source>
            <translation>Le début de la fenêtre temporelle est après sa fin.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="446" />
            <source>The statistics could not be written to {}: {}.</source>
            <translation>Les statistiques n'ont pas pu être écrites dans {} : {}.</translation>
        </message>
        <message>
            <location filename="../processing/base.py" line="339" />
            <source>The style of {} could not be saved in the GeoPackage: the layer cannot be opened.</source>
            <translation>Le style de {} n'a pas pu être enregistré dans le GeoPackage : la couche ne peut pas être ouverte.</translation>
        </message>
        <message>
            <location filename="../processing/base.py" line="352" />
            <source>The style or the source credits of {} could not be saved in the GeoPackage: {}</source>
            <translation>Le style ou les mentions de source de {} n'ont pas pu être enregistrés dans le GeoPackage : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="174" />
            <source>The table of {} could not be built: {}</source>
            <translation>Le tableau de {} n'a pas pu être construit : {}</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="140" />
            <source>The table {} of {} has no spatial index on {}: the database engine still gives the right result, more slowly. Create one: CREATE INDEX ON {} USING GIST ({}).</source>
            <translation>La table {} de {} n’a pas d’index spatial sur {} : le moteur base de données donne quand même le bon résultat, plus lentement. Créez-en un : CREATE INDEX ON {} USING GIST ({}).</translation>
        </message>
        <message>
            <location filename="../processing/database_output.py" line="188" />
            <source>The table {}.{} could not be created in the database {}: {}</source>
            <translation>La table {}.{} n’a pas pu être créée dans la base de données {} : {}</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv.py" line="221" />
            <source>The tabular API answered without a 'data' list ({}).</source>
            <translation>L'API tabulaire a répondu sans liste « data » ({}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="177" />
            <source>The target vintage ({}) is before the source vintage ({}): codes are followed forward in time only</source>
            <translation>Le millésime cible ({}) est antérieur au millésime source ({}) : les codes ne sont suivis que vers le futur</translation>
        </message>
        <message>
            <location filename="../core/cog/referential.py" line="478" />
            <source>The target vintage must be {} or later</source>
            <translation>Le millésime cible doit être {} ou postérieur</translation>
        </message>
        <message>
            <location filename="../processing/database_output.py" line="282" />
            <source>The temporary table {}.{} could not be removed: {} Drop it in the database.</source>
            <translation>La table temporaire {}.{} n’a pas pu être supprimée : {} Supprimez-la dans la base de données.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="144" />
            <source>The test parameters are not valid JSON: {}</source>
            <translation>Les paramètres des tests ne sont pas du JSON valide : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="146" />
            <source>The test parameters must be {"property": {"test": {parameters}}}, e.g. {"NO2": {"spike": ...}}</source>
            <translation>Les paramètres des tests doivent être de la forme {"property": {"test": {parameters}}}, par exemple {"NO2": {"spike": ...}}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_sensors_common.py" line="92" />
            <source>The time window starts ({}) after it ends ({}): swap the start and the end.</source>
            <translation>La fenêtre temporelle commence ({}) après sa fin ({}) : inversez le début et la fin.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_sensors_common.py" line="112" />
            <source>The time window starts after it ends: swap the start and the end.</source>
            <translation>La fenêtre temporelle commence après sa fin : inversez le début et la fin.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="184" />
            <source>The timestamp field {} must be a date/time, a date or ISO 8601 text.</source>
            <translation>Le champ d'horodatage {} doit être une date-heure, une date ou un texte ISO 8601.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="225" />
            <source>The timestamps could not be read consistently ({} features, {} timestamps).</source>
            <translation>Les horodatages n'ont pas pu être lus de façon cohérente ({} entités, {} horodatages).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="316" />
            <source>The true location lies within {} m of the published point; attributes copied from the input may reveal information about the people nearby.</source>
            <translation>La vraie position se trouve à moins de {} m du point publié ; les attributs copiés depuis l'entrée peuvent révéler des informations sur les personnes proches.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="200" />
            <source>The validation report {} says the CSV does not follow its schema: nothing was published. Correct the data and export it again.</source>
            <translation>Le rapport de validation {} indique que le CSV n'est pas conforme à son schéma : rien n'a été publié. Corrigez les données et exportez-les de nouveau.</translation>
        </message>
        <message>
            <location filename="../providers/portals/extras.py" line="90" />
            <source>The vector tiles offered for {} are not a PMTiles file with layers.</source>
            <translation>Les tuiles vectorielles proposées pour {} ne sont pas un fichier PMTiles contenant des couches.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="184" />
            <source>The wait doubles at each retry, unless the server says how long to wait.</source>
            <translation>L'attente double à chaque essai, sauf si le serveur indique combien de temps attendre.</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/rollup.py" line="22" />
            <source>The weight field {} has negative values: weights must be zero or positive.</source>
            <translation>Le champ de pondération {} a des valeurs négatives : les poids doivent être nuls ou positifs.</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="192" />
            <source>The zip archive {} cannot be read: {}.</source>
            <translation>L'archive zip {} ne peut pas être lue : {}.</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="143" />
            <source>The zip archive {} has no layer '{}'. Its layers: {}.</source>
            <translation>L'archive zip {} n'a pas de couche « {} ». Ses couches : {}.</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="132" />
            <source>The zip archive {} has no layer TerriData can load (no Shapefile, GeoJSON, GeoPackage, FlatGeobuf, KML or CSV inside; it holds: {}).</source>
            <translation>L'archive zip {} ne contient aucune couche que TerriData sait charger (ni Shapefile, ni GeoJSON, ni GeoPackage, ni FlatGeobuf, ni KML, ni CSV ; elle contient : {}).</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="147" />
            <source>The zip archive {} holds several layers: {}. Choose one with the 'Layer inside the file' parameter.</source>
            <translation>L'archive zip {} contient plusieurs couches : {}. Choisissez-en une avec le paramètre « Couche dans le fichier ».</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="177" />
            <source>The zip archive {} is encrypted (password-protected): TerriData cannot open it. Ask the producer for an open copy. ({})</source>
            <translation>L'archive zip {} est chiffrée (protégée par mot de passe) : TerriData ne peut pas l'ouvrir. Demandez au producteur une copie non protégée. ({})</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="191" />
            <source>The zip archive {} was refused because it is unsafe: {}.</source>
            <translation>L'archive zip {} a été refusée car elle est dangereuse : {}.</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="184" />
            <source>The zip archive {} was refused: {}. If the archive is genuine, raise the zip caps in the TerriData settings.</source>
            <translation>L'archive zip {} a été refusée : {}. Si l'archive est authentique, relevez les plafonds des zip dans les paramètres de TerriData.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="182" />
            <source>The zone layer could not be read: {}.</source>
            <translation>La couche des zones n'a pas pu être lue : {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="140" />
            <source>The zone layer is empty: choose a polygon layer with features.</source>
            <translation>La couche des zones est vide : choisissez une couche de polygones avec des entités.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="426" />
            <source>The zones could not be copied to {}: {}. Check the folder is writable.</source>
            <translation>Les zones n'ont pas pu être copiées dans {} : {}. Vérifiez que le dossier est accessible en écriture.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="160" />
            <source>The {} capabilities of {} could not be read: {}. Check the service URL (TerriData settings) and that the service is reachable.</source>
            <translation>Les capacités {} de {} n'ont pas pu être lues : {}. Vérifiez l'URL du service (paramètres de TerriData) et que le service est joignable.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="171" />
            <source>The {} layer {} of {} could not be opened: the service does not list it among its {} layers. Check the layer name (the Basemap list shows every layer of the service).</source>
            <translation>La couche {} {} de {} n'a pas pu être ouverte : le service ne la liste pas parmi ses {} couches. Vérifiez le nom de la couche (la liste Fond de carte montre toutes les couches du service).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="231" />
            <source>The {} layer {} of {} could not be opened: {}. Check the layer name, the tile matrix set and the service URL (TerriData settings), and that the service is reachable.</source>
            <translation>La couche {} {} de {} n'a pas pu être ouverte : {}. Vérifiez le nom de la couche, la grille de tuiles et l'URL du service (paramètres de TerriData), et que le service est joignable.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_sensors_common.py" line="75" />
            <source>The {} of the time window has no time zone: read as UTC.</source>
            <translation>Borne « {} » de la fenêtre temporelle sans fuseau horaire : lue en UTC.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_sensors_common.py" line="72" />
            <source>The {} of the time window is missing or not a date-time.</source>
            <translation>Borne « {} » de la fenêtre temporelle absente ou qui n'est pas une date-heure.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="398" />
            <source>The {} {} has no {} in the COG</source>
            <translation>{} {} n'a pas de {} dans le COG</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_stations.py" line="68" />
            <source>Things: page {} read</source>
            <translation>Things : page {} lue</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="50" />
            <source>Threshold (published cells hold 0 or at least this)</source>
            <translation>Seuil (les cases publiées contiennent 0 ou au moins cette valeur)</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="64" />
            <source>Tiled basemaps of the Géoplateforme (Add IGN basemap).</source>
            <translation>Fonds de carte tuilés de la Géoplateforme (Ajouter un fond de carte IGN).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="137" />
            <source>Time bucket (Europe/Paris)</source>
            <translation>Intervalle de temps (Europe/Paris)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_sensors_common.py" line="37" />
            <source>Time-enabled point layer (position of the station)</source>
            <translation>Couche de points temporelle (position de la station)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="108" />
            <source>Timestamp field (date/time, or ISO 8601 text; without offset = Paris local time)</source>
            <translation>Champ d'horodatage (date-heure, ou texte ISO 8601 ; sans décalage = heure locale de Paris)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_council_map.py" line="54" />
            <location filename="../processing/algorithms/export_map.py" line="180" />
            <location filename="../ui/catalogue_dock.py" line="31" />
            <source>Title</source>
            <translation>Titre</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="140" />
            <source>Title of the CSV resource (default: the file name)</source>
            <translation>Titre de la ressource CSV (par défaut : le nom du fichier)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="175" />
            <source>To assign observations to zones, the observation layer must have points.</source>
            <translation>Pour affecter les observations à des zones, la couche des observations doit avoir des points.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="234" />
            <source>To re-code the boundaries, give the COG vintage of their codes (e.g. 2018 for ADMIN EXPRESS COG 2018).</source>
            <translation>Pour recoder les limites, indiquez le millésime du COG de leurs codes (par exemple 2018 pour ADMIN EXPRESS COG 2018).</translation>
        </message>
        <message>
            <location filename="../core/privacy/kanonymity.py" line="137" />
            <source>Too many generalisation combinations ({}); declare fewer quasi-identifiers or cap their levels</source>
            <translation>Trop de combinaisons de généralisation ({}) ; déclarez moins de quasi-identifiants ou limitez leurs niveaux</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="362" />
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="87" />
            <source>Total area change (m², polygons)</source>
            <translation>Variation totale de surface (m², polygones)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="116" />
            <source>Totals</source>
            <translation>Totaux</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="76" />
            <source>Turns addresses into points (Geocode addresses).</source>
            <translation>Transforme des adresses en points (Géocoder des adresses).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_outputs_together.py" line="92" />
            <source>Two outputs point to the same file: give each output its own path.</source>
            <translation>Deux sorties désignent le même fichier : donnez à chaque sortie son propre chemin.</translation>
        </message>
        <message>
            <location filename="../ui/wdg_ign_layer_choice.py" line="82" />
            <source>Type to search the layers, or a layer name</source>
            <translation>Tapez pour chercher une couche, ou un nom de couche</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="277" />
            <source>Type words to search IGN, INSEE, open-data portals and sensor networks.</source>
            <translation>Tapez des mots pour chercher à l'IGN, à l'INSEE, dans les portails open data et les réseaux de capteurs.</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="60" />
            <source>URL too long</source>
            <translation>URL trop longue</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="115" />
            <source>Uniqueness of the key '{}'</source>
            <translation>Unicité de la clé « {} »</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="48" />
            <source>Unit records or counts (table or layer)</source>
            <translation>Enregistrements individuels ou effectifs (table ou couche)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="167" />
            <source>Unit shown in the legend</source>
            <translation>Unité affichée dans la légende</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="93" />
            <source>Units</source>
            <translation>Unités</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="41" />
            <source>Units per point (empty: each point is one unit)</source>
            <translation>Unités par point (vide : chaque point est une unité)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="34" />
            <source>Unknown</source>
            <translation>Inconnue</translation>
        </message>
        <message>
            <location filename="../providers/portals/opendatasoft.py" line="206" />
            <source>Unknown Opendatasoft export parameter '{}': use select, order_by, refine or exclude.</source>
            <translation>Paramètre d'export Opendatasoft « {} » inconnu : utilisez select, order_by, refine ou exclude.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="142" />
            <source>Unknown codes</source>
            <translation>Codes inconnus</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="354" />
            <source>Unknown codes ({}), {}: {}</source>
            <translation>Codes inconnus ({}), {} : {}</translation>
        </message>
        <message>
            <location filename="../core/cog/referential.py" line="141" />
            <source>Unknown commune type {!r} for code {!r}</source>
            <translation>Type de commune inconnu {!r} pour le code {!r}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="90" />
            <source>Unknown domain rule {} for field '{}'; use enum, minimum, maximum, exclusiveMinimum, exclusiveMaximum or pattern</source>
            <translation>Règle de domaine {} inconnue pour le champ « {} » ; utilisez enum, minimum, maximum, exclusiveMinimum, exclusiveMaximum ou pattern</translation>
        </message>
        <message>
            <location filename="../maps/thematic.py" line="65" />
            <source>Unknown map kind {}; choose one of {}.</source>
            <translation>Type de carte inconnu {} ; choisissez parmi {}.</translation>
        </message>
        <message>
            <location filename="../providers/portals/config.py" line="72" />
            <source>Unknown portal '{}'. Configured portals: {}. Add it in the TerriData settings ('portals').</source>
            <translation>Portail « {} » inconnu. Portails configurés : {}. Ajoutez-le dans les paramètres de TerriData (« portals »).</translation>
        </message>
        <message>
            <location filename="../ui/options_page_checks.py" line="28" />
            <source>Unknown portal kind '{}' (expected one of {}).</source>
            <translation>Type de portail inconnu « {} » (attendu : {}).</translation>
        </message>
        <message>
            <location filename="../providers/schemas/catalogue.py" line="115" />
            <source>Unknown schema '{}'. Table schemas of the catalogue: {}.</source>
            <translation>Schéma inconnu « {} ». Schémas tabulaires du catalogue : {}.</translation>
        </message>
        <message>
            <location filename="../core/cog/referential.py" line="64" />
            <source>Unknown territorial level {!r}; expected one of {}</source>
            <translation>Niveau territorial inconnu {!r} ; attendu : l’un de {}</translation>
        </message>
        <message>
            <location filename="../providers/portals/territory.py" line="17" />
            <source>Unknown territory level '{}' (expected one of {}).</source>
            <translation>Niveau de territoire « {} » inconnu (attendu : {}).</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="78" />
            <source>Unknown {} codes of '{}' (COG {})</source>
            <translation>Codes {} inconnus de « {} » (COG {})</translation>
        </message>
        <message>
            <location filename="../core/cog/snapshot.py" line="135" />
            <source>Unsupported COG snapshot format {!r} (expected {})</source>
            <translation>Format d’instantané du COG non pris en charge {!r} (attendu : {})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="137" />
            <source>Update frequency</source>
            <translation>Fréquence de mise à jour</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/update_cog.py" line="22" />
            <source>Update the official geographic code (COG)</source>
            <translation>Mettre à jour le code officiel géographique (COG)</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="31" />
            <location filename="../ui/catalogue_dock.py" line="83" />
            <source>Updated</source>
            <translation>Mise à jour</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="93" />
            <source>Use them as they are (even-odd rule, fastest)</source>
            <translation>Les utiliser telles quelles (règle pair-impair, le plus rapide)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="371" />
            <source>Using the portal's Parquet conversion of the resource{}.</source>
            <translation>Utilisation de la conversion Parquet de la ressource faite par le portail{}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="171" />
            <source>Validate against the declared Table Schema</source>
            <translation>Valider selon le Table Schema déclaré</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="167" />
            <source>Validating {} rows against {}…</source>
            <translation>Validation de {} lignes selon {}…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="300" />
            <source>Validation of the data against its schema (TerriData).</source>
            <translation>Validation des données selon leur schéma (TerriData).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="169" />
            <source>Validation of “{}” against the schema “{}”</source>
            <translation>Validation de « {} » selon le schéma « {} »</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="97" />
            <source>Validation report (HTML)</source>
            <translation>Rapport de validation (HTML)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="92" />
            <source>Validation report (JSON)</source>
            <translation>Rapport de validation (JSON)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="98" />
            <source>Validation report (JSON, declares the schema)</source>
            <translation>Rapport de validation (JSON, indique le schéma)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="300" />
            <source>Validation report of {}</source>
            <translation>Rapport de validation de {}</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="243" />
            <source>Value {!r} of '{}' does not match the pattern {}</source>
            <translation>La valeur {!r} de « {} » ne correspond pas au motif {}</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="407" />
            <source>Value {!r} of '{}' is not a date (expected ISO 8601 such as 2024-03-01, or 01/03/2024)</source>
            <translation>La valeur {!r} de « {} » n’est pas une date (attendu : ISO 8601 comme 2024-03-01, ou 01/03/2024)</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="259" />
            <source>Value {!r} of '{}' is not a number</source>
            <translation>La valeur {!r} de « {} » n’est pas un nombre</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="229" />
            <source>Value {!r} of '{}' is not in the allowed list ({})</source>
            <translation>La valeur {!r} de « {} » n’est pas dans la liste permise ({})</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="329" />
            <source>Value {:g} of '{}' is above the upper fence {:g} (Q1 {:g}, Q3 {:g}, factor {:g})</source>
            <translation>La valeur {:g} de « {} » dépasse la limite haute {:g} (Q1 {:g}, Q3 {:g}, facteur {:g})</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="329" />
            <source>Value {:g} of '{}' is below the lower fence {:g} (Q1 {:g}, Q3 {:g}, factor {:g})</source>
            <translation>La valeur {:g} de « {} » est sous la limite basse {:g} (Q1 {:g}, Q3 {:g}, facteur {:g})</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="276" />
            <source>Value {:g} of '{}' is out of range: it must be {} {:g}</source>
            <translation>La valeur {:g} de « {} » est hors limites : elle doit être {} {:g}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="69" />
            <source>Variable (hydrometry: H or Q in real time, QmnJ, QmM, HIXnJ... for elaborated values; river quality: parameter code, e.g. 1340 for nitrates); empty: the endpoint's default</source>
            <translation>Variable (hydrométrie : H ou Q en temps réel, QmnJ, QmM, HIXnJ... pour les valeurs élaborées ; qualité des cours d'eau : code du paramètre, p. ex. 1340 pour les nitrates) ; vide : celle par défaut du point d'accès</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="40" />
            <source>Vector</source>
            <translation>Vecteur</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="60" />
            <source>Vector data of the Géoplateforme (Download IGN vector data).</source>
            <translation>Données vecteur de la Géoplateforme (Télécharger des données vecteur IGN).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="346" />
            <source>Vector tiles (display)</source>
            <translation>Tuiles vectorielles (affichage)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="186" />
            <source>Vector tiles for display (PMTiles, when data.gouv.fr offers them)</source>
            <translation>Tuiles vectorielles pour l'affichage (PMTiles, quand data.gouv.fr en propose)</translation>
        </message>
        <message>
            <location filename="../providers/schemas/catalogue.py" line="139" />
            <source>Version {} of '{}' is not in the snapshot (shipped: {}); connect to the Internet or choose the shipped version.</source>
            <translation>La version {} de « {} » ne figure pas dans l'instantané (version fournie : {}) ; connectez-vous à Internet ou choisissez la version fournie.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/update_cog.py" line="29" />
            <source>Vintage (COG in force on 1 January of this year)</source>
            <translation>Millésime (COG en vigueur au 1er janvier de cette année)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/update_cog.py" line="43" />
            <source>Vintage added</source>
            <translation>Millésime ajouté</translation>
        </message>
        <message>
            <location filename="../core/cog/snapshot.py" line="95" />
            <source>Vintage {} is not in the COG snapshot ({})</source>
            <translation>Le millésime {} n’est pas dans l’instantané du COG ({})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="154" />
            <source>WFS 2.0 service URL (empty: the IGN Géoplateforme of the settings)</source>
            <translation>URL du service WFS 2.0 (vide : la Géoplateforme de l'IGN des paramètres)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="143" />
            <source>WKT column</source>
            <translation>Colonne WKT</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="92" />
            <source>WMTS tile matrix set</source>
            <translation>Grille de tuiles WMTS</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="22" />
            <source>Warnings</source>
            <translation>Avertissements</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="107" />
            <source>Water measurements: rivers, groundwater, water quality.</source>
            <translation>Mesures sur l'eau : rivières, nappes, qualité de l'eau.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="67" />
            <source>Week (ISO, from Monday)</source>
            <translation>Semaine (ISO, à partir du lundi)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="34" />
            <source>Weekly</source>
            <translation>Hebdomadaire</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="72" />
            <source>Weight field (weighted sum, mean, standard deviation and percentiles)</source>
            <translation>Champ de pondération (somme, moyenne, écart type et centiles pondérés)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="102" />
            <source>Weight of the rates (e.g. population; empty = unweighted mean)</source>
            <translation>Pondération des taux (par exemple la population ; vide = moyenne non pondérée)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="121" />
            <source>Weight of the rates (e.g. the population they are computed on)</source>
            <translation>Pondération des taux (par exemple la population sur laquelle ils sont calculés)</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="46" />
            <source>What would work</source>
            <translation>Ce qui fonctionnerait</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="368" />
            <source>What would work: {}.</source>
            <translation>Ce qui fonctionnerait : {}.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="55" />
            <source>Whole country</source>
            <translation>France entière</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="88" />
            <source>With territorial hierarchy</source>
            <translation>Avec la hiérarchie territoriale</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="84" />
            <source>Write the file even if it does not validate</source>
            <translation>Écrire le fichier même s'il n'est pas valide</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="223" />
            <source>Writes every request to the TerriData log; keys and passwords masked.</source>
            <translation>Écrit chaque requête dans le journal TerriData ; clés et mots de passe masqués.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_privacy_io.py" line="184" />
            <source>Writing the output failed: {}</source>
            <translation>L'écriture de la sortie a échoué : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="237" />
            <source>Writing {} records…</source>
            <translation>Écriture de {} enregistrements…</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="138" />
            <source>X / longitude column</source>
            <translation>Colonne X / longitude</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="123" />
            <source>X/Y columns</source>
            <translation>Colonnes X/Y</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_load.py" line="139" />
            <source>Y / latitude column</source>
            <translation>Colonne Y / latitude</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="234" />
            <source>You declared that {} holds no personal data; the detector proposed: {}. The declaration is recorded in the dataset's metadata.</source>
            <translation>Vous avez déclaré que {} ne contient aucune donnée personnelle ; le détecteur signalait : {}. La déclaration est inscrite dans les métadonnées du jeu de données.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="100" />
            <source>Your territory</source>
            <translation>Votre territoire</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="132" />
            <source>Zone identifier field</source>
            <translation>Champ identifiant de la zone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="103" />
            <source>Zones</source>
            <translation>Zones</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="120" />
            <source>Zones with statistics</source>
            <translation>Zones avec statistiques</translation>
        </message>
        <message>
            <location filename="../toolbelt/secrets.py" line="162" />
            <source>a key or token (parameter {})</source>
            <translation>une clé ou un jeton (paramètre {})</translation>
        </message>
        <message>
            <location filename="../core/privacy/kanonymity.py" line="243" />
            <source>a smaller k of {} would be reachable within the budget ({})</source>
            <translation>un k plus petit, de {}, serait atteignable dans le budget ({})</translation>
        </message>
        <message>
            <location filename="../core/privacy/kanonymity.py" line="281" />
            <source>a smaller l of {} would be reachable within the budget ({})</source>
            <translation>un l plus petit, de {}, serait atteignable dans le budget ({})</translation>
        </message>
        <message>
            <location filename="../toolbelt/secrets.py" line="159" />
            <source>a user name or password</source>
            <translation>un nom d’utilisateur ou un mot de passe</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="54" />
            <source>access forbidden</source>
            <translation>accès interdit</translation>
        </message>
        <message>
            <location filename="../core/privacy/identifiers.py" line="64" />
            <location filename="../processing/algorithms/anonymised_export.py" line="390" />
            <source>age</source>
            <translation>âge</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="404" />
            <source>allow full suppression of a quasi-identifier</source>
            <translation>suppression complète d’un quasi-identifiant permise</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="76" />
            <source>allowed values</source>
            <translation>valeurs permises</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="301" />
            <source>amount field</source>
            <translation>champ du montant</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="34" />
            <source>anonymisation</source>
            <translation>anonymisation</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="297" />
            <source>any</source>
            <translation>tous</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="71" />
            <source>area change (m²)</source>
            <translation>variation de surface (m²)</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="53" />
            <source>authentication required</source>
            <translation>authentification requise</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="64" />
            <source>bad gateway</source>
            <translation>passerelle incorrecte</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="52" />
            <source>bad request</source>
            <translation>requête incorrecte</translation>
        </message>
        <message>
            <location filename="../core/privacy/generalise.py" line="102" />
            <source>bands of {:g}</source>
            <translation>tranches de {:g}</translation>
        </message>
        <message>
            <location filename="../core/privacy/identifiers.py" line="67" />
            <source>categorical</source>
            <translation>catégoriel</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="298" />
            <source>category field</source>
            <translation>champ de la catégorie</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="175" />
            <source>cell sizes (m)</source>
            <translation>tailles des carreaux (m)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="318" />
            <source>cells</source>
            <translation>cases</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="319" />
            <source>cells hidden</source>
            <translation>cases masquées</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="73" />
            <source>client error</source>
            <translation>erreur du client</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="25" />
            <location filename="../ui/territory_picker.py" line="16" />
            <source>commune</source>
            <translation>commune</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="128" />
            <source>commune code only from {}: is the source vintage right?</source>
            <translation>code de commune seulement à partir de {} : le millésime source est-il le bon ?</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="297" />
            <source>commune field</source>
            <translation>champ de la commune</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="49" />
            <source>completeness (%)</source>
            <translation>exhaustivité (%)</translation>
        </message>
        <message>
            <location filename="../core/quality/model.py" line="21" />
            <source>completeness / commission</source>
            <translation>exhaustivité / excédent</translation>
        </message>
        <message>
            <location filename="../core/quality/model.py" line="20" />
            <source>completeness / omission</source>
            <translation>exhaustivité / omission</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="56" />
            <source>completeness threshold must be between 0 and 100 %, not {}</source>
            <translation>le seuil d’exhaustivité doit être compris entre 0 et 100 %, et non {}</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="164" />
            <source>connection closed</source>
            <translation>connexion fermée</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="302" />
            <source>contributor field</source>
            <translation>champ du contributeur</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="299" />
            <source>count field</source>
            <translation>champ de l’effectif</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="135" />
            <source>creating the dataset '{}'</source>
            <translation>création du jeu de données « {} »</translation>
        </message>
        <message>
            <location filename="../toolbelt/deadlines.py" line="30" />
            <source>data requests</source>
            <translation>les requêtes de données</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="88" />
            <source>data.gouv.fr API address</source>
            <translation>Adresse de l'API de data.gouv.fr</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="126" />
            <source>data.gouv.fr API key (authentication configuration)</source>
            <translation>Clé d'API data.gouv.fr (configuration d'authentification)</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_v2.py" line="47" />
            <source>data.gouv.fr answered a v2 search without 'data' and 'total'.</source>
            <translation>data.gouv.fr a répondu à une recherche v2 sans « data » ni « total ».</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="99" />
            <source>data.gouv.fr does not know it (404): check the organisation (id or slug) and the address.</source>
            <translation>data.gouv.fr ne le connaît pas (404) : vérifiez l'organisation (identifiant ou slug) et l'adresse.</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="88" />
            <source>data.gouv.fr refused the API key: the key of the authentication configuration is wrong or expired, or its user is not a member (administrator or editor) of the organisation. Check the key on your data.gouv.fr profile page and the organisation's members.</source>
            <translation>data.gouv.fr a refusé la clé d'API : la clé de la configuration d'authentification est erronée ou expirée, ou son utilisateur n'est pas membre (administrateur ou éditeur) de l'organisation. Vérifiez la clé sur la page de votre profil data.gouv.fr et les membres de l'organisation.</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="92" />
            <source>data.gouv.fr tabular API address</source>
            <translation>Adresse de l'API tabulaire de data.gouv.fr</translation>
        </message>
        <message>
            <location filename="../providers/portals/fetch.py" line="55" />
            <source>data.gouv.fr takes column filters, not an ODSQL expression: clear the ODSQL filter.</source>
            <translation>data.gouv.fr accepte des filtres de colonnes, pas une expression ODSQL : videz le filtre ODSQL.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="118" />
            <source>data.gouv.fr: badge (spd…)</source>
            <translation>data.gouv.fr : badge (spd…)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="118" />
            <source>data.gouv.fr: spatial granularity (fr:commune, fr:epci…)</source>
            <translation>data.gouv.fr : granularité spatiale (fr:commune, fr:epci…)</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="136" />
            <source>dataset '{}' created ({})</source>
            <translation>jeu de données « {} » créé ({})</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="141" />
            <source>dataset '{}' updated ({})</source>
            <translation>jeu de données « {} » mis à jour ({})</translation>
        </message>
        <message>
            <location filename="../core/privacy/identifiers.py" line="65" />
            <location filename="../processing/algorithms/anonymised_export.py" line="391" />
            <source>date</source>
            <translation>date</translation>
        </message>
        <message>
            <location filename="../core/privacy/generalise.py" line="63" />
            <source>day</source>
            <translation>jour</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="26" />
            <source>departement</source>
            <translation>département</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="173" />
            <source>describing the resource '{}'</source>
            <translation>description de la ressource « {} »</translation>
        </message>
        <message>
            <location filename="../core/privacy/export_plan.py" line="54" />
            <source>direct identifier ({}): {}</source>
            <translation>identifiant direct ({}) : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="381" />
            <source>direct identifiers</source>
            <translation>identifiants directs</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="382" />
            <source>direct identifiers action</source>
            <translation>traitement des identifiants directs</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="41" />
            <source>direct identifiers were replaced by keyed pseudonyms. The key stays in the QGIS authentication database; whoever holds it can re-identify records, so this export is still personal data under the GDPR and must not be published as open data.</source>
            <translation>les identifiants directs ont été remplacés par des pseudonymes à clé. La clé reste dans la base d’authentification de QGIS ; quiconque la détient peut réidentifier les enregistrements : cet export reste donc une donnée personnelle au sens du RGPD et ne doit pas être publié en open data.</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="316" />
            <source>does not match {}</source>
            <translation>ne correspond pas à {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="304" />
            <source>dominance limit (%)</source>
            <translation>limite de dominance (%)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="305" />
            <source>dominance rule</source>
            <translation>règle de dominance</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="269" />
            <source>draws per point</source>
            <translation>tirages par point</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="397" />
            <source>drop</source>
            <translation>supprimer</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="357" />
            <source>drop the locations (Locations are: Dropped)</source>
            <translation>supprimer les localisations (Les localisations sont : Supprimé)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="357" />
            <source>drop the quasi-identifier {} (add it to the other fields to drop)</source>
            <translation>supprimer le quasi-identifiant {} (ajoutez-le aux autres champs à supprimer)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="422" />
            <source>dropped</source>
            <translation>supprimé</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="411" />
            <source>dropped (direct identifier)</source>
            <translation>supprimé (identifiant direct)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="414" />
            <source>dropped (free text)</source>
            <translation>supprimé (texte libre)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="403" />
            <source>dropped fields</source>
            <translation>champs supprimés</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="51" />
            <source>duplicated keys</source>
            <translation>clés en double</translation>
        </message>
        <message>
            <location filename="../core/privacy/generalise.py" line="63" />
            <location filename="../ui/territory_picker.py" line="18" />
            <source>département</source>
            <translation>département</translation>
        </message>
        <message>
            <location filename="../core/privacy/identifiers.py" line="58" />
            <source>e-mail address</source>
            <translation>adresse électronique</translation>
        </message>
        <message>
            <location filename="../maps/credits.py" line="40" />
            <source>edition {}</source>
            <translation>édition {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="233" />
            <source>empty code</source>
            <translation>code vide</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_sensors_common.py" line="87" />
            <source>end</source>
            <translation>fin</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="28" />
            <source>epci</source>
            <translation>EPCI</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="435" />
            <source>equivalence classes</source>
            <translation>classes d’équivalence</translation>
        </message>
        <message>
            <location filename="../providers/portals/ckan.py" line="123" />
            <source>error</source>
            <translation>erreur</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="52" />
            <source>every schema field needs a 'name': {!r}</source>
            <translation>chaque champ du schéma doit avoir un « name » : {!r}</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="79" />
            <source>every territory of level {} in France</source>
            <translation>tous les territoires de niveau {} en France</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="82" />
            <source>every territory of level {} in {} {}</source>
            <translation>tous les territoires de niveau {} dans {} {}</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="355" />
            <source>every {} seconds</source>
            <translation>toutes les {} secondes</translation>
        </message>
        <message>
            <location filename="../core/privacy/generalise.py" line="63" />
            <source>exact</source>
            <translation>exact</translation>
        </message>
        <message>
            <location filename="../core/privacy/generalise.py" line="63" />
            <source>exact age</source>
            <translation>âge exact</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="324" />
            <source>exact recomputation audit complete</source>
            <translation>audit exact de recalcul complet</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="66" />
            <source>extent</source>
            <translation>emprise</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="78" />
            <source>fail span</source>
            <translation>plage d’échec</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="80" />
            <source>fail threshold</source>
            <translation>seuil d’échec</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="40" />
            <source>failed</source>
            <translation>échec</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="270" />
            <source>failures</source>
            <translation>échecs</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="349" />
            <source>fences [{:g}, {:g}]; {} outlier(s)</source>
            <translation>limites [{:g} ; {:g}] ; {} valeur(s) aberrante(s)</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="46" />
            <source>field</source>
            <translation>champ</translation>
        </message>
        <message>
            <location filename="../core/privacy/identifiers.py" line="207" />
            <source>field name suggests {}</source>
            <translation>le nom du champ évoque {}</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="47" />
            <source>fields</source>
            <translation>champs</translation>
        </message>
        <message>
            <location filename="../toolbelt/deadlines.py" line="31" />
            <source>file downloads</source>
            <translation>les téléchargements de fichiers</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="172" />
            <source>file {} replaced</source>
            <translation>fichier {} remplacé</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="162" />
            <source>file {} uploaded as a new resource</source>
            <translation>fichier {} téléversé comme nouvelle ressource</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="56" />
            <source>formats</source>
            <translation>formats</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="106" />
            <source>former commune, absorbed before {}</source>
            <translation>ancienne commune, absorbée avant {}</translation>
        </message>
        <message>
            <location filename="../core/privacy/export_plan.py" line="59" />
            <source>free text: {}</source>
            <translation>texte libre : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="386" />
            <source>free-text action</source>
            <translation>traitement du texte libre</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="385" />
            <source>free-text fields</source>
            <translation>champs de texte libre</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="303" />
            <source>frequency threshold</source>
            <translation>seuil de fréquence</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="66" />
            <source>gateway timeout</source>
            <translation>délai d'attente de la passerelle dépassé</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="438" />
            <source>generalisation combinations evaluated</source>
            <translation>combinaisons de généralisation évaluées</translation>
        </message>
        <message>
            <location filename="../core/privacy/export_plan.py" line="156" />
            <source>generalised to {}</source>
            <translation>généralisé en {}</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="58" />
            <source>gone</source>
            <translation>disparu</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="395" />
            <source>grid</source>
            <translation>carroyage</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="330" />
            <source>has length {} ({} {})</source>
            <translation>a une longueur de {} ({} {})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="312" />
            <source>hierarchy</source>
            <translation>hiérarchie</translation>
        </message>
        <message>
            <location filename="../core/quality/model.py" line="50" />
            <source>information</source>
            <translation>information</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="295" />
            <source>input</source>
            <translation>entrée</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="62" />
            <source>internal server error</source>
            <translation>erreur interne du serveur</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="70" />
            <source>invalid before</source>
            <translation>invalides avant</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_actions.py" line="157" />
            <source>invalid layer</source>
            <translation>couche invalide</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="304" />
            <source>is filled with others but not {}</source>
            <translation>est remplie avec d’autres colonnes, mais pas {}</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="194" />
            <source>is not a URI (scheme:rest, e.g. https://…)</source>
            <translation>n’est pas une URI (schéma:reste, par exemple https://…)</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="195" />
            <source>is not a UUID</source>
            <translation>n’est pas un UUID</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="130" />
            <source>is not a valid SIREN (9 digits whose Luhn key holds)</source>
            <translation>n’est pas un SIREN valide (9 chiffres dont la clé de Luhn est juste)</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="127" />
            <source>is not a valid SIRET (14 digits whose Luhn key holds; La Poste: digit sum multiple of 5)</source>
            <translation>n’est pas un SIRET valide (14 chiffres dont la clé de Luhn est juste ; La Poste : somme des chiffres multiple de 5)</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="215" />
            <source>is not a value of {}</source>
            <translation>n’est pas une valeur de {}</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="324" />
            <source>is not a year interval YYYY/YYYY (first &lt; second)</source>
            <translation>n’est pas un intervalle d’années AAAA/AAAA (la première avant la seconde)</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="131" />
            <source>is not an INSEE commune (or municipal arrondissement) code of the current COG</source>
            <translation>n’est pas un code de commune (ou d’arrondissement municipal) INSEE du COG en vigueur</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="153" />
            <source>is not an ISO 8601 date (YYYY-MM-DD)</source>
            <translation>n’est pas une date ISO 8601 (AAAA-MM-JJ)</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="155" />
            <source>is not an ISO 8601 date-time (YYYY-MM-DDThh:mm:ss)</source>
            <translation>n’est pas une date et heure ISO 8601 (AAAA-MM-JJThh:mm:ss)</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="193" />
            <source>is not an e-mail address</source>
            <translation>n’est pas une adresse électronique</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="314" />
            <source>is not one of {}</source>
            <translation>ne fait pas partie de {}</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="287" />
            <source>is not the sum of {}</source>
            <translation>n’est pas la somme de {}</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="196" />
            <source>it disappeared before {}</source>
            <translation>il a disparu avant {}</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="197" />
            <source>it existed in {}</source>
            <translation>il existait en {}</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="243" />
            <source>its later split parts {} are rows {} of the table</source>
            <translation>ses parties issues d’une scission ultérieure {} sont les lignes {} de la table</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="378" />
            <source>k</source>
            <translation>k</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="140" />
            <source>k (smallest group size)</source>
            <translation>k (taille du plus petit groupe)</translation>
        </message>
        <message>
            <location filename="../core/privacy/kanonymity.py" line="208" />
            <source>k = {} and l = {} cannot be met by suppressing at most {:.1%} of the {} records: even the best generalisation ({}) would have to suppress {} records ({:.1%}).</source>
            <translation>k = {} et l = {} ne peuvent pas être atteints en supprimant au plus {:.1%} des {} enregistrements : même la meilleure généralisation ({}) devrait supprimer {} enregistrements ({:.1%}).</translation>
        </message>
        <message>
            <location filename="../core/privacy/kanonymity.py" line="208" />
            <source>k = {} cannot be met by suppressing at most {:.1%} of the {} records: even the best generalisation ({}) would have to suppress {} records ({:.1%}).</source>
            <translation>k = {} ne peut pas être atteint en supprimant au plus {:.1%} des {} enregistrements : même la meilleure généralisation ({}) devrait supprimer {} enregistrements ({:.1%}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="434" />
            <source>k achieved (smallest group)</source>
            <translation>k atteint (plus petit groupe)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="433" />
            <source>k required</source>
            <translation>k demandé</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="114" />
            <source>k required of an anonymised export</source>
            <translation>k exigé d'un export anonymisé</translation>
        </message>
        <message>
            <location filename="../core/privacy/export_plan.py" line="149" />
            <source>kept (sensitive attribute)</source>
            <translation>conservé (attribut sensible)</translation>
        </message>
        <message>
            <location filename="../core/privacy/export_plan.py" line="149" />
            <source>kept as is</source>
            <translation>conservé tel quel</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="354" />
            <source>kept as they are</source>
            <translation>conservés tels quels</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="379" />
            <source>l</source>
            <translation>l</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="143" />
            <source>l (distinct sensitive values per group)</source>
            <translation>l (valeurs sensibles distinctes par groupe)</translation>
        </message>
        <message>
            <location filename="../core/privacy/kanonymity.py" line="190" />
            <source>l = {} cannot be met by suppressing at most {:.1%} of the {} records (k = {} alone could be, with {}): too many groups hold fewer than {} distinct values of the sensitive attribute; even the best generalisation ({}) would have to suppress {} records ({:.1%}).</source>
            <translation>l = {} ne peut pas être atteint en supprimant au plus {:.1%} des {} enregistrements (k = {} seul pourrait l’être, avec {}) : trop de groupes ont moins de {} valeurs distinctes de l’attribut sensible ; même la meilleure généralisation ({}) devrait supprimer {} enregistrements ({:.1%}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="437" />
            <source>l achieved</source>
            <translation>l atteint</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="436" />
            <source>l required</source>
            <translation>l demandé</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="354" />
            <source>left out of the output</source>
            <translation>exclus de la sortie</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="58" />
            <source>level</source>
            <translation>niveau</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="100" />
            <source>level:code (e.g. commune:91228, epci:200059228, departement:91); chosen by name in the TerriData catalogue dock, the default territory of searches and downloads.</source>
            <translation>niveau:code (par exemple commune:91228, epci:200059228, departement:91) ; choisi par son nom dans le panneau catalogue de TerriData, c’est le territoire par défaut des recherches et des téléchargements.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="147" />
            <source>lines</source>
            <translation>lignes</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="116" />
            <source>listing the datasets of the organisation</source>
            <translation>liste des jeux de données de l'organisation</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="395" />
            <source>locations</source>
            <translation>positions</translation>
        </message>
        <message>
            <location filename="../core/quality/model.py" line="22" />
            <source>logical consistency / conceptual consistency</source>
            <translation>cohérence logique / cohérence conceptuelle</translation>
        </message>
        <message>
            <location filename="../core/quality/model.py" line="23" />
            <source>logical consistency / domain consistency</source>
            <translation>cohérence logique / cohérence du domaine</translation>
        </message>
        <message>
            <location filename="../core/quality/model.py" line="24" />
            <source>logical consistency / format consistency</source>
            <translation>cohérence logique / cohérence du format</translation>
        </message>
        <message>
            <location filename="../core/quality/model.py" line="25" />
            <source>logical consistency / topological consistency</source>
            <translation>cohérence logique / cohérence topologique</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="66" />
            <source>longitude {} to {}, latitude {} to {} ({})</source>
            <translation>longitude {} à {}, latitude {} à {} ({})</translation>
        </message>
        <message>
            <location filename="../core/privacy/identifiers.py" line="264" />
            <source>looks like a {} quasi-identifier</source>
            <translation>ressemble à un quasi-identifiant de type {}</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="54" />
            <source>lower fence</source>
            <translation>limite basse</translation>
        </message>
        <message>
            <location filename="../maps/credits.py" line="87" />
            <source>map: {}, {}</source>
            <translation>réalisation : {}, {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="323" />
            <source>margins checked</source>
            <translation>marges contrôlées</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="288" />
            <source>maximum displacement (m)</source>
            <translation>déplacement maximal (m)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="285" />
            <source>mean displacement (m)</source>
            <translation>déplacement moyen (m)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="442" />
            <source>mean generalisation (0 = none, 1 = maximal)</source>
            <translation>généralisation moyenne (0 = aucune, 1 = maximale)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="191" />
            <source>mean published cell size (m)</source>
            <translation>taille moyenne des carreaux publiés (m)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="286" />
            <source>median displacement (m)</source>
            <translation>déplacement médian (m)</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="73" />
            <source>method</source>
            <translation>méthode</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="56" />
            <source>method not allowed</source>
            <translation>méthode non autorisée</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="65" />
            <source>methods</source>
            <translation>méthodes</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="287" />
            <source>minimum displacement (m)</source>
            <translation>déplacement minimal (m)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="268" />
            <source>minimum spatial k</source>
            <translation>k spatial minimal</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="50" />
            <source>missing</source>
            <translation>manquantes</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="52" />
            <source>missing keys</source>
            <translation>clés manquantes</translation>
        </message>
        <message>
            <location filename="../core/privacy/generalise.py" line="63" />
            <source>month</source>
            <translation>mois</translation>
        </message>
        <message>
            <location filename="../core/privacy/identifiers.py" line="57" />
            <source>name</source>
            <translation>nom</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="61" />
            <source>no</source>
            <translation>non</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="177" />
            <source>no CRS</source>
            <translation>aucun SCR</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="178" />
            <source>no answer</source>
            <translation>pas de réponse</translation>
        </message>
        <message>
            <location filename="../maps/atlas.py" line="81" />
            <source>no data</source>
            <translation>donnée manquante</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="231" />
            <source>no details from QGIS</source>
            <translation>pas de détails de QGIS</translation>
        </message>
        <message>
            <location filename="../providers/portals/ckan.py" line="123" />
            <source>no message</source>
            <translation>pas de message</translation>
        </message>
        <message>
            <location filename="../providers/portals/base.py" line="173" />
            <source>no resource</source>
            <translation>aucune ressource</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="386" />
            <source>no space left on the device</source>
            <translation>plus d'espace libre sur le disque</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="258" />
            <source>non-negative numbers below 2^53</source>
            <translation>nombres positifs ou nuls inférieurs à 2^53</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="297" />
            <location filename="../providers/portals/base.py" line="188" />
            <source>none</source>
            <translation>aucun</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="397" />
            <source>none (table)</source>
            <translation>aucune (table)</translation>
        </message>
        <message>
            <location filename="../providers/postgis/connection.py" line="73" />
            <source>not a PostgreSQL layer</source>
            <translation>ce n’est pas une couche PostgreSQL</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="132" />
            <source>not a commune code of {} nor a known older code</source>
            <translation>ni un code de commune de {} ni un ancien code connu</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="123" />
            <source>not a commune in {}: older code, followed through anciensCodes</source>
            <translation>pas une commune en {} : ancien code, suivi par anciensCodes</translation>
        </message>
        <message>
            <location filename="../core/quality/geometry.py" line="81" />
            <source>not a polygon WKB (type {})</source>
            <translation>pas un WKB de polygone (type {})</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="31" />
            <source>not assessed</source>
            <translation>non évalué</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="55" />
            <source>not found</source>
            <translation>introuvable</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="63" />
            <source>not implemented</source>
            <translation>non implémenté</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_stations.py" line="59" />
            <source>not offered</source>
            <translation>non proposé</translation>
        </message>
        <message>
            <location filename="../providers/portals/loader.py" line="132" />
            <source>nothing</source>
            <translation>rien</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="229" />
            <source>obsolete code, filled from its successor {}</source>
            <translation>code obsolète, complété à partir de son successeur {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="226" />
            <source>obsolete, successor {}</source>
            <translation>obsolète, successeur {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_stations.py" line="59" />
            <source>offered</source>
            <translation>proposé</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="70" />
            <source>only part of the layer is used (selection, feature limit or filter)</source>
            <translation>seule une partie de la couche est utilisée (sélection, limite d’entités ou filtre)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="393" />
            <source>other</source>
            <translation>autres</translation>
        </message>
        <message>
            <location filename="../core/quality/qartod.py" line="288" />
            <source>parameters of '{}': {}</source>
            <translation>paramètres de « {} » : {}</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="72" />
            <source>parts change</source>
            <translation>variation du nombre de parties</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="39" />
            <source>passed</source>
            <translation>réussi</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="77" />
            <source>pattern</source>
            <translation>motif</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="354" />
            <source>per hour</source>
            <translation>par heure</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="354" />
            <source>per minute</source>
            <translation>par minute</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="354" />
            <source>per second</source>
            <translation>par seconde</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="382" />
            <source>permission denied</source>
            <translation>permission refusée</translation>
        </message>
        <message>
            <location filename="../core/privacy/identifiers.py" line="59" />
            <source>phone number</source>
            <translation>numéro de téléphone</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="171" />
            <location filename="../processing/algorithms/repair_geometries.py" line="147" />
            <source>points</source>
            <translation>points</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="277" />
            <source>points below k after all draws</source>
            <translation>points sous k après tous les tirages</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="95" />
            <source>points outside every grid's area (excluded)</source>
            <translation>points hors de l’emprise de toute grille (exclus)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="94" />
            <source>points without usable coordinates (excluded)</source>
            <translation>points sans coordonnées utilisables (exclus)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="147" />
            <source>polygons</source>
            <translation>polygones</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="68" />
            <source>polygons next to unshared edges</source>
            <translation>polygones voisins de bords non partagés</translation>
        </message>
        <message>
            <location filename="../core/quality/model.py" line="26" />
            <source>positional accuracy</source>
            <translation>exactitude de position</translation>
        </message>
        <message>
            <location filename="../core/privacy/identifiers.py" line="62" />
            <source>postal address</source>
            <translation>adresse postale</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="321" />
            <source>primary cells (dominance)</source>
            <translation>cases du secret primaire (dominance)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="320" />
            <source>primary cells (frequency)</source>
            <translation>cases du secret primaire (fréquence)</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="35" />
            <source>pseudonymisation</source>
            <translation>pseudonymisation</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="382" />
            <source>pseudonymise</source>
            <translation>pseudonymiser</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="409" />
            <source>pseudonymised (HMAC-SHA-256)</source>
            <translation>pseudonymisé (HMAC-SHA-256)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="182" />
            <source>published cells</source>
            <translation>carreaux publiés</translation>
        </message>
        <message>
            <location filename="../core/privacy/export_plan.py" line="65" />
            <source>quasi-identifier ({})</source>
            <translation>quasi-identifiant ({})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="389" />
            <source>quasi-identifiers</source>
            <translation>quasi-identifiants</translation>
        </message>
        <message>
            <location filename="../core/privacy/kanonymity.py" line="299" />
            <source>raise the suppression budget to at least {:.1f} % (generalisation: {})</source>
            <translation>porter le budget de suppression à au moins {:.1f} % (généralisation : {})</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="607" />
            <source>rate limit</source>
            <translation>limite de débit</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="384" />
            <source>read-only file system</source>
            <translation>système de fichiers en lecture seule</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="143" />
            <source>reading the dataset's resources</source>
            <translation>lecture des ressources du jeu de données</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="111" />
            <source>reading the organisation {}</source>
            <translation>lecture de l'organisation {}</translation>
        </message>
        <message>
            <location filename="../core/privacy/identifiers.py" line="63" />
            <source>record id</source>
            <translation>identifiant d’enregistrement</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="296" />
            <source>records</source>
            <translation>enregistrements</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="431" />
            <source>records exported</source>
            <translation>enregistrements exportés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="430" />
            <source>records in input</source>
            <translation>enregistrements en entrée</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="432" />
            <source>records suppressed</source>
            <translation>enregistrements supprimés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="386" />
            <source>redact</source>
            <translation>caviarder</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="414" />
            <source>redacted (free text)</source>
            <translation>caviardé (texte libre)</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="71" />
            <source>redirection</source>
            <translation>redirection</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="281" />
            <source>redraws</source>
            <translation>nouveaux tirages</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="264" />
            <source>reference count field</source>
            <translation>champ de l’effectif de référence</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="57" />
            <source>reference date</source>
            <translation>date de référence</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="263" />
            <source>reference population</source>
            <translation>population de référence</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="282" />
            <source>reference units</source>
            <translation>unités de référence</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="27" />
            <source>region</source>
            <translation>région</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="165" />
            <source>replacing the file of the resource '{}'</source>
            <translation>remplacement du fichier de la ressource « {} »</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="57" />
            <source>request timeout</source>
            <translation>délai d'attente de la requête dépassé</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="59" />
            <source>request too large</source>
            <translation>requête trop volumineuse</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="29" />
            <source>residual risk</source>
            <translation>risque résiduel</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="179" />
            <source>resource '{}' described</source>
            <translation>ressource « {} » décrite</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="179" />
            <source>resource '{}' described (schema {})</source>
            <translation>ressource « {} » décrite (schéma {})</translation>
        </message>
        <message>
            <location filename="../core/privacy/values.py" line="67" />
            <source>row {} ({!r})</source>
            <translation>ligne {} ({!r})</translation>
        </message>
        <message>
            <location filename="../ui/territory_picker.py" line="19" />
            <source>région</source>
            <translation>région</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="62" />
            <source>schema</source>
            <translation>schéma</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="63" />
            <source>schema fields</source>
            <translation>champs du schéma</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="96" />
            <source>schema.data.gouv.fr address</source>
            <translation>Adresse de schema.data.gouv.fr</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="322" />
            <source>secondary cells</source>
            <translation>cases du secret secondaire</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="402" />
            <source>sensitive attribute</source>
            <translation>attribut sensible</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="74" />
            <source>sensors</source>
            <translation>capteurs</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="75" />
            <source>sensors flagged</source>
            <translation>capteurs signalés</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="75" />
            <source>server error</source>
            <translation>erreur du serveur</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="65" />
            <source>service unavailable</source>
            <translation>service indisponible</translation>
        </message>
        <message>
            <location filename="../core/privacy/kanonymity.py" line="289" />
            <source>set l to 1 (no l-diversity) or choose another sensitive attribute: no l ≥ 2 is reachable within the budget with k = {}</source>
            <translation>mettez l à 1 (pas de l-diversité) ou choisissez un autre attribut sensible : aucun l ≥ 2 n’est atteignable dans le budget avec k = {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="305" />
            <source>share &gt; limit</source>
            <translation>part &gt; limite</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="330" />
            <source>share of cells published</source>
            <translation>part des cases publiées</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="289" />
            <source>share of points kept</source>
            <translation>part des points conservés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="441" />
            <source>share of records kept</source>
            <translation>part des enregistrements conservés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="331" />
            <source>share of units in published commune cells</source>
            <translation>part des unités dans les cases communales publiées</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="188" />
            <source>share of units published</source>
            <translation>part des unités publiées</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="69" />
            <source>share of unshared edges</source>
            <translation>part des bords non partagés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="305" />
            <source>share ≥ limit</source>
            <translation>part ≥ limite</translation>
        </message>
        <message>
            <location filename="../core/opendata/schema_rules.py" line="271" />
            <source>should be {} {} ({})</source>
            <translation>devrait être {} {} ({})</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="41" />
            <source>skipped</source>
            <translation>ignoré</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="183" />
            <source>smallest published cell (units)</source>
            <translation>plus petit carreau publié (unités)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="280" />
            <source>spatial k: median</source>
            <translation>k spatial : médiane</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="279" />
            <source>spatial k: minimum (exported points)</source>
            <translation>k spatial : minimum (points exportés)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_sensors_common.py" line="87" />
            <source>start</source>
            <translation>début</translation>
        </message>
        <message>
            <location filename="../core/privacy/generalise.py" line="63" />
            <source>suppressed</source>
            <translation>supprimé</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="271" />
            <source>suppression budget (%)</source>
            <translation>budget de suppression (%)</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="79" />
            <source>suspect span</source>
            <translation>plage douteuse</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="81" />
            <source>suspect threshold</source>
            <translation>seuil douteux</translation>
        </message>
        <message>
            <location filename="../core/quality/qartod.py" line="60" />
            <source>suspect_span {} must lie inside fail_span {}</source>
            <translation>suspect_span {} doit être compris dans fail_span {}</translation>
        </message>
        <message>
            <location filename="../core/quality/model.py" line="27" />
            <source>temporal quality</source>
            <translation>qualité temporelle</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="336" />
            <source>territorial levels</source>
            <translation>niveaux territoriaux</translation>
        </message>
        <message>
            <location filename="../providers/portals/ckan.py" line="211" />
            <source>the DataStore search</source>
            <translation>la recherche dans le DataStore</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings.py" line="136" />
            <source>the Datastreams of Thing {}</source>
            <translation>les Datastreams du Thing {}</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="308" />
            <source>the IQR factor must be positive, not {}</source>
            <translation>le facteur de l’IQR doit être positif, et non {}</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings.py" line="133" />
            <source>the Things of {}</source>
            <translation>les Things de {}</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_actions.py" line="212" />
            <source>the algorithm failed</source>
            <translation>l'algorithme a échoué</translation>
        </message>
        <message>
            <location filename="../providers/schemas/catalogue.py" line="91" />
            <source>the answer is not a schema catalogue</source>
            <translation>la réponse n'est pas un catalogue de schémas</translation>
        </message>
        <message>
            <location filename="../providers/portals/opendatasoft.py" line="184" />
            <source>the catalogue facets</source>
            <translation>les facettes du catalogue</translation>
        </message>
        <message>
            <location filename="../providers/portals/opendatasoft.py" line="162" />
            <source>the catalogue search</source>
            <translation>la recherche dans le catalogue</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="111" />
            <source>the category field {} is neither text nor integer</source>
            <translation>le champ de catégorie {} n’est ni un texte ni un entier</translation>
        </message>
        <message>
            <location filename="../core/quality/schema.py" line="56" />
            <source>the constraint of field '{}'</source>
            <translation>la contrainte du champ « {} »</translation>
        </message>
        <message>
            <location filename="../providers/portals/opendatasoft.py" line="193" />
            <source>the dataset '{}'</source>
            <translation>le jeu de données « {} »</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv.py" line="132" />
            <source>the dataset search</source>
            <translation>la recherche de jeux de données</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_v2.py" line="69" />
            <source>the dataset search (v2)</source>
            <translation>la recherche de jeux de données (v2)</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="209" />
            <source>the domain rule of '{}'</source>
            <translation>la règle de domaine de « {} »</translation>
        </message>
        <message>
            <location filename="../core/privacy/kanonymity.py" line="129" />
            <source>the input holds no record</source>
            <translation>l’entrée ne contient aucun enregistrement</translation>
        </message>
        <message>
            <location filename="../core/privacy/kanonymity.py" line="252" />
            <source>the input holds only {} records: no k ≥ {} is possible</source>
            <translation>l’entrée ne contient que {} enregistrements : aucun k ≥ {} n’est possible</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="61" />
            <source>the layer has joins</source>
            <translation>la couche a des jointures</translation>
        </message>
        <message>
            <location filename="../providers/postgis/connection.py" line="93" />
            <source>the layer has no geometry column</source>
            <translation>la couche n’a pas de colonne de géométrie</translation>
        </message>
        <message>
            <location filename="../providers/postgis/connection.py" line="80" />
            <source>the layer has no single-column key</source>
            <translation>la couche n’a pas de clé sur une seule colonne</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="59" />
            <source>the layer has unsaved edits</source>
            <translation>la couche a des modifications non enregistrées</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="64" />
            <source>the layer has virtual fields</source>
            <translation>la couche a des champs virtuels</translation>
        </message>
        <message>
            <location filename="../providers/postgis/connection.py" line="77" />
            <source>the layer is a SQL query, not a table</source>
            <translation>la couche est une requête SQL, pas une table</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="57" />
            <source>the layer is not valid</source>
            <translation>la couche n’est pas valide</translation>
        </message>
        <message>
            <location filename="../core/classification.py" line="359" />
            <source>the number of classes must be between 1 and {} (got {})</source>
            <translation>le nombre de classes doit être compris entre 1 et {} ({} demandé)</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings.py" line="190" />
            <source>the observations of {} {}</source>
            <translation>les observations du {} {}</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="179" />
            <source>the pattern of {} must be text, not {!r}</source>
            <translation>le motif de {} doit être un texte, et non {!r}</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="183" />
            <source>the pattern {!r} of {} is not a valid regular expression ({})</source>
            <translation>le motif {!r} de {} n’est pas une expression régulière valide ({})</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="102" />
            <source>the points ({}) and the zones ({}) are in two different databases</source>
            <translation>les points ({}) et les zones ({}) sont dans deux bases de données différentes</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv.py" line="218" />
            <source>the tabular API</source>
            <translation>l'API tabulaire</translation>
        </message>
        <message>
            <location filename="../core/quality/model.py" line="28" />
            <source>thematic accuracy</source>
            <translation>exactitude thématique</translation>
        </message>
        <message>
            <location filename="../core/classification.py" line="364" />
            <source>there is no value to classify (every value is missing)</source>
            <translation>il n’y a aucune valeur à classer (toutes les valeurs manquent)</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="82" />
            <location filename="../processing/algorithms/protective_grid.py" line="174" />
            <source>threshold</source>
            <translation>seuil</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="48" />
            <source>threshold (%)</source>
            <translation>seuil (%)</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="83" />
            <source>tolerance</source>
            <translation>tolérance</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="67" />
            <source>tolerance (m²)</source>
            <translation>tolérance (m²)</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="61" />
            <source>too many requests</source>
            <translation>trop de requêtes</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="76" />
            <source>unexpected status</source>
            <translation>statut inattendu</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="180" />
            <source>units</source>
            <translation>unités</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="98" />
            <source>units excluded</source>
            <translation>unités exclues</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="172" />
            <source>units field</source>
            <translation>champ des unités</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="184" />
            <source>units suppressed (64 km cells below the threshold)</source>
            <translation>unités supprimées (carreaux de 64 km sous le seuil)</translation>
        </message>
        <message>
            <location filename="../core/quality/qartod.py" line="208" />
            <source>unknown QARTOD test {!r}; known tests: {}</source>
            <translation>test QARTOD inconnu {!r} ; tests connus : {}</translation>
        </message>
        <message>
            <location filename="../core/classification.py" line="355" />
            <source>unknown classification method {!r} (one of {})</source>
            <translation>méthode de classification {!r} inconnue (l’une de : {})</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="233" />
            <source>unknown code</source>
            <translation>code inconnu</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="61" />
            <source>unknown code level {!r}; use one of {}</source>
            <translation>niveau de code inconnu {!r} ; utilisez l’un de {}</translation>
        </message>
        <message>
            <location filename="../core/classification.py" line="574" />
            <source>unknown colour scheme {!r} (one of {})</source>
            <translation>palette de couleurs {!r} inconnue (l’une de : {})</translation>
        </message>
        <message>
            <location filename="../core/classification.py" line="590" />
            <source>unknown diverging scheme {!r} (one of {})</source>
            <translation>palette divergente {!r} inconnue (l’une de : {})</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="201" />
            <source>unknown domain rule(s) for '{}': {}; use {}</source>
            <translation>règle(s) de domaine inconnue(s) pour « {} » : {} ; utilisez {}</translation>
        </message>
        <message>
            <location filename="../providers/portals/load_common.py" line="89" />
            <source>unknown format</source>
            <translation>format inconnu</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="755" />
            <source>unknown host</source>
            <translation>hôte inconnu</translation>
        </message>
        <message>
            <location filename="../maps/credits.py" line="42" />
            <source>updated {}</source>
            <translation>mise à jour du {}</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="138" />
            <source>updating the dataset '{}'</source>
            <translation>mise à jour du jeu de données « {} »</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_publish.py" line="154" />
            <source>uploading {}</source>
            <translation>téléversement de {}</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="55" />
            <source>upper fence</source>
            <translation>limite haute</translation>
        </message>
        <message>
            <location filename="../core/privacy/generalise.py" line="63" />
            <source>value</source>
            <translation>valeur</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="60" />
            <source>vintage of the data</source>
            <translation>millésime des données</translation>
        </message>
        <message>
            <location filename="../core/quality/model.py" line="49" />
            <source>warning</source>
            <translation>avertissement</translation>
        </message>
        <message>
            <location filename="../core/privacy/generalise.py" line="63" />
            <source>week</source>
            <translation>semaine</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="256" />
            <source>whole, non-negative numbers of units</source>
            <translation>nombres entiers d'unités positifs ou nuls</translation>
        </message>
        <message>
            <location filename="../core/privacy/generalise.py" line="63" />
            <source>year</source>
            <translation>année</translation>
        </message>
        <message>
            <location filename="../core/privacy/report.py" line="60" />
            <source>yes</source>
            <translation>oui</translation>
        </message>
        <message>
            <location filename="../core/quality/rules.py" line="94" />
            <source>{:,} feature(s) or row(s)</source>
            <translation>{:,} entité(s) ou ligne(s)</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="71" />
            <source>{:.1f} % of the values of '{}' are filled ({:,} missing of {:,}); threshold {:g} %</source>
            <translation>{:.1f} % des valeurs de « {} » sont renseignées ({:,} manquantes sur {:,}) ; seuil de {:g} %</translation>
        </message>
        <message>
            <location filename="../core/privacy/generalise.py" line="210" />
            <source>{:g} km cell</source>
            <translation>carreau de {:g} km</translation>
        </message>
        <message>
            <location filename="../processing/enum_choices.py" line="134" />
            <source>{} ({}) takes one choice, not {}. Choices: {}.</source>
            <translation>{} ({}) n'accepte qu'un seul choix, pas {}. Choix : {}.</translation>
        </message>
        <message>
            <location filename="../processing/enum_choices.py" line="171" />
            <source>{} ({}): '{}' is not one of the choices. Give the number or the name of a choice: {}.</source>
            <translation>{} ({}) : « {} » ne fait pas partie des choix. Indiquez le numéro ou le nom d'un choix : {}.</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="107" />
            <source>{} KB</source>
            <translation>{} ko</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="105" />
            <source>{} MB</source>
            <translation>{} Mo</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="788" />
            <source>{} MB used</source>
            <translation>{} Mo utilisés</translation>
        </message>
        <message>
            <location filename="../processing/database_output.py" line="249" />
            <source>{} Nothing was written: tables already in the database are unchanged.</source>
            <translation>{} Rien n’a été écrit : les tables déjà présentes dans la base de données sont inchangées.</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="414" />
            <source>{} added to the map.</source>
            <translation>{} ajouté à la carte.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="236" />
            <source>{} addresses located, {} not located (kept without a point)</source>
            <translation>{} adresses localisées, {} non localisées (conservées sans point)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geocode_addresses.py" line="225" />
            <source>{} addresses to geocode</source>
            <translation>{} adresses à géocoder</translation>
        </message>
        <message>
            <location filename="../providers/portals/ckan.py" line="214" />
            <source>{} answered a DataStore search without 'records'.</source>
            <translation>{} a répondu à une recherche dans le DataStore sans « records ».</translation>
        </message>
        <message>
            <location filename="../providers/portals/opendatasoft.py" line="164" />
            <source>{} answered a catalogue search without 'results'.</source>
            <translation>{} a répondu à une recherche dans le catalogue sans « results ».</translation>
        </message>
        <message>
            <location filename="../providers/portals/ckan.py" line="152" />
            <source>{} answered a search without 'results'.</source>
            <translation>{} a répondu à une recherche sans « results ».</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv.py" line="134" />
            <source>{} answered a search without a 'data' list ({}).</source>
            <translation>{} a répondu à une recherche sans liste « data » ({}).</translation>
        </message>
        <message>
            <location filename="../providers/portals/base.py" line="266" />
            <source>{} answered an HTML page instead of JSON for {} ({}). The portal address is probably wrong (a web page rather than the API) or the portal asks to log in: check the portal's base URL in the TerriData settings.</source>
            <translation>{} a renvoyé une page HTML au lieu de JSON pour {} ({}). L'adresse du portail est probablement fausse (une page web plutôt que l'API) ou le portail demande de se connecter : vérifiez l'adresse de base du portail dans les paramètres de TerriData.</translation>
        </message>
        <message>
            <location filename="../providers/portals/opendatasoft.py" line="195" />
            <source>{} answered no dataset for '{}'.</source>
            <translation>{} n'a renvoyé aucun jeu de données pour « {} ».</translation>
        </message>
        <message>
            <location filename="../providers/portals/base.py" line="278" />
            <source>{} answered unexpected JSON for {} ({}).</source>
            <translation>{} a renvoyé un JSON inattendu pour {} ({}).</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="594" />
            <source>{} answered {} ({}) for {} and asks to wait {} before trying again; try again later.</source>
            <translation>{} a répondu {} ({}) pour {} et demande d'attendre {} avant de réessayer ; réessayez plus tard.</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="682" />
            <source>{} answered {} ({}) for {}. {}</source>
            <translation>{} a répondu {} ({}) pour {}. {}</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="673" />
            <source>{} answered {} ({}) {} times for {}; try again later.</source>
            <translation>{} a répondu {} ({}) {} fois pour {} ; réessayez plus tard.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="339" />
            <source>{} boundary code(s) got no statistics: {}</source>
            <translation>{} code(s) de limites n'ont reçu aucune statistique : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="449" />
            <source>{} boundary codes re-coded, {} territories after re-coding</source>
            <translation>{} codes de limites recodés, {} territoires après recodage</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="108" />
            <source>{} bytes</source>
            <translation>{} octets</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_actions.py" line="187" />
            <source>{} cannot be added to the map directly: use Download… to choose its options.</source>
            <translation>{} ne peut pas être ajouté directement à la carte : utilisez Télécharger… pour choisir ses options.</translation>
        </message>
        <message>
            <location filename="../maps/categorised.py" line="31" />
            <source>{} categories of {} grouped as “Other”.</source>
            <translation>{} catégories de {} regroupées dans « Autres ».</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="274" />
            <source>{} cells: written without spatial index (run 'Create spatial index' on the layer if you display it often).</source>
            <translation>{} cellules : écrites sans index spatial (lancez « Créer un index spatial » sur la couche si vous l'affichez souvent).</translation>
        </message>
        <message>
            <location filename="../maps/classified.py" line="86" />
            <source>{} class(es) hold no feature (equal or round intervals).</source>
            <translation>{} classe(s) ne contiennent aucune entité (intervalles égaux ou arrondis).</translation>
        </message>
        <message>
            <location filename="../maps/classified.py" line="67" />
            <source>{} classes instead of the {} asked: equal values are never split between two classes, and the values allow only {}.</source>
            <translation>{} classes au lieu des {} demandées : des valeurs égales ne sont jamais réparties entre deux classes, et les valeurs n’en permettent que {}.</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="119" />
            <source>{} code {} ('{}') does not exist in the COG {} nor in the earlier vintages known to TerriData</source>
            <translation>{} {} (« {} ») : ce code n’existe ni dans le COG {} ni dans les millésimes antérieurs connus de TerriData</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="102" />
            <source>{} code {} ('{}') no longer exists in the COG {} ({}); replace it with {}</source>
            <translation>{} {} (« {} ») : ce code n’existe plus dans le COG {} ({}) ; remplacez-le par {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/rollup_territories.py" line="264" />
            <source>{} code(s) ({} rows) have no {} in the COG {}: {}{}. Codes of another vintage can be converted with 'Harmonise territorial codes' (terridata:harmonise_cog) first.</source>
            <translation>{} code(s) ({} lignes) n'ont pas de {} dans le COG {} : {}{}. Les codes d'un autre millésime peuvent d'abord être convertis avec « Harmoniser les codes territoriaux » (terridata:harmonise_cog).</translation>
        </message>
        <message>
            <location filename="../providers/portals/code_join.py" line="81" />
            <source>{} codes had lost their leading zero and were repaired ({}).</source>
            <translation>{} codes avaient perdu leur zéro initial et ont été réparés ({}).</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="86" />
            <source>{} codes: {}</source>
            <translation>{} codes : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="281" />
            <source>{} communes have no EPCI in the COG referential (each is its own EPCI group): {}</source>
            <translation>{} communes n'ont pas d'EPCI dans le référentiel du COG (chacune forme son propre groupe EPCI) : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="236" />
            <source>{} datasets match on {}.</source>
            <translation>{} jeux de données correspondent sur {}.</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_v2.py" line="73" />
            <source>{} datasets match this search on {}, which lists at most {} per search: only the first {} can be read. Narrow the search (organisation, territory, format, tag, granularity) to reach the others.</source>
            <translation>{} jeux de données correspondent à cette recherche sur {}, qui en liste au plus {} par recherche : seuls les {} premiers peuvent être lus. Affinez la recherche (organisation, territoire, format, mot-clé, granularité) pour atteindre les autres.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/portal_search.py" line="214" />
            <source>{} datasets, {} resources found on {}</source>
            <translation>{} jeux de données, {} ressources trouvés sur {}</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="129" />
            <source>{} did not answer within {} s for {} (gave up after {} s). The service may be overloaded or the connection slow: try again later, or raise the request timeout in the TerriData settings.</source>
            <translation>{} n'a pas répondu en {} s pour {} (abandon après {} s). Le service est peut-être surchargé ou la connexion lente : réessayez plus tard, ou augmentez le délai d'attente des requêtes dans les paramètres de TerriData.</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="146" />
            <source>{} did not finish answering {} within {}, the deadline for {}, and was stopped after {} ({} received). The service is overloaded or the connection very slow: try again later, or ask for less data at once; if such waits are expected, raise this deadline in the TerriData settings.</source>
            <translation>{} n’a pas fini de répondre à {} en {}, le délai maximal pour {}, et a été arrêté après {} ({} reçus). Le service est surchargé ou la connexion très lente : réessayez plus tard, ou demandez moins de données à la fois ; si de telles attentes sont normales, augmentez ce délai dans les paramètres de TerriData.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="196" />
            <source>{} distinct codes looked up in the COG {}: {} not found ({} features)</source>
            <translation>{} codes distincts recherchés dans le COG {} : {} introuvables ({} entités)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_to_schema.py" line="234" />
            <source>{} does not validate against {}: nothing was written. Failing fields (rows): {}. First errors (row 2 is the first feature): {} Correct the data or the field mapping, or set 'Write the file even if it does not validate' to get the file and the full report.</source>
            <translation>{} n'est pas valide selon {} : rien n'a été écrit. Champs en erreur (lignes) : {}. Premières erreurs (la ligne 2 est la première entité) : {} Corrigez les données ou la correspondance des champs, ou cochez « Écrire le fichier même s'il n'est pas valide » pour obtenir le fichier et le rapport complet.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="218" />
            <source>{} duplicate(s)</source>
            <translation>{} doublon(s)</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="159" />
            <source>{} duplicated key value(s), {} missing key(s)</source>
            <translation>{} valeur(s) de clé en double, {} clé(s) manquante(s)</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_actions.py" line="226" />
            <source>{} ended without a layer to add.</source>
            <translation>{} s'est terminé sans couche à ajouter.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="169" />
            <source>{} error(s) on {} feature(s) of {}</source>
            <translation>{} erreur(s) sur {} entité(s) de {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="160" />
            <source>{} feature(s) could not be reprojected to {}: not written.</source>
            <translation>{} entité(s) n'ont pas pu être reprojetée(s) en {} : non écrite(s).</translation>
        </message>
        <message>
            <location filename="../maps/classified.py" line="90" />
            <source>{} feature(s) have no value: shown as “No data”.</source>
            <translation>{} entité(s) sans valeur : affichées comme « Pas de données ».</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="304" />
            <source>{} feature(s) of {} are still invalid after repair (first: feature {}). Check them by hand (e.g. with the Quality report) or simplify them before repairing.</source>
            <translation>{} entité(s) de {} sont toujours invalides après réparation (première : entité {}). Vérifiez-les à la main (par exemple avec le rapport de qualité) ou simplifiez-les avant de les réparer.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="124" />
            <source>{} feature(s) of {} have no geometry (NULL, empty or unreadable, e.g. NaN coordinates): copied without geometry, nothing to repair.</source>
            <translation>{} entité(s) de {} n’ont pas de géométrie (NULL, vide ou illisible, p. ex. coordonnées NaN) : copiées sans géométrie, rien à réparer.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="451" />
            <source>{} feature(s) of {} have no geometry (NULL, empty or unreadable, e.g. NaN coordinates): they are not on the map.</source>
            <translation>{} entité(s) de {} n’ont pas de géométrie (NULL, vide ou illisible, p. ex. coordonnées NaN) : elles ne figurent pas sur la carte.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="119" />
            <source>{} feature(s) of {} have no geometry (NULL, empty or without finite coordinates): they have no place and are not written.</source>
            <translation>{} entité(s) de {} n'ont pas de géométrie (NULL, vide ou sans coordonnées finies) : elles ne peuvent être situées et ne sont pas écrites.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="293" />
            <source>{} feature(s) of {} have no usable point (NULL or empty geometry, NaN or infinite coordinates): not counted (output POINTS_WITHOUT_GEOMETRY).</source>
            <translation>{} entité(s) de {} sans point utilisable (géométrie NULL ou vide, coordonnées NaN ou infinies) : non comptée(s) (sortie POINTS_WITHOUT_GEOMETRY).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="110" />
            <source>{} feature(s) of {} lie outside every part of France (or could not be located): they are written, unchanged, to the layer 'outside' in the layer's own CRS.</source>
            <translation>{} entité(s) de {} sont situées hors de toute partie de la France (ou n'ont pas pu être situées) : elles sont écrites telles quelles dans la couche « outside », dans le système de coordonnées de la couche.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="265" />
            <source>{} feature(s) outside {}</source>
            <translation>{} entité(s) hors de {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="296" />
            <source>{} feature(s) repaired of {}; total area change {} m²; parts change {}</source>
            <translation>{} entité(s) réparée(s) sur {} ; variation totale de surface {} m² ; variation du nombre de parties {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="172" />
            <source>{} feature(s) without geometry</source>
            <translation>{} entité(s) sans géométrie</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/geomask_points.py" line="139" />
            <source>{} features of {} have no usable location (NULL, empty or degenerate geometry, NaN or infinite coordinates, or outside the area of use of the INSEE grid, EPSG:3035, Europe): they are left out and counted in the report.</source>
            <translation>{} entités de {} n’ont pas de localisation utilisable (géométrie NULL, vide ou dégénérée, coordonnées NaN ou infinies, ou hors du domaine d’emploi de la grille INSEE, EPSG:3035, Europe) : elles sont écartées et comptées dans le rapport.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="388" />
            <source>{} features of {} written to {} ({} pages, {} requests)</source>
            <translation>{} entités de {} écrites dans {} ({} pages, {} requêtes)</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_download.py" line="413" />
            <source>{} features outside the territory were left out</source>
            <translation>{} entités hors du territoire ont été exclues</translation>
        </message>
        <message>
            <location filename="../providers/portals/code_join.py" line="84" />
            <source>{} former commune codes were re-coded through the COG ({}).</source>
            <translation>{} anciens codes de commune ont été recodés grâce au COG ({}).</translation>
        </message>
        <message>
            <location filename="../providers/portals/code_join.py" line="89" />
            <source>{} former commune codes were split into several communes and cannot be given one boundary: their rows are kept without geometry ({}).</source>
            <translation>{} anciens codes de commune ont été scindés en plusieurs communes et ne peuvent recevoir une seule limite : leurs lignes sont gardées sans géométrie ({}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="419" />
            <source>{} gap(s) larger than {} m²</source>
            <translation>{} vide(s) de plus de {} m²</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv.py" line="157" />
            <source>{} gives at most {} results per search; {} match. Narrow the search (organisation, territory, format) to see the others.</source>
            <translation>{} donne au plus {} résultats par recherche ; {} correspondent. Affinez la recherche (organisation, territoire, format) pour voir les autres.</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="97" />
            <source>{} h</source>
            <translation>{} h</translation>
        </message>
        <message>
            <location filename="../core/classification.py" line="581" />
            <source>{} has at most {} classes (asked for {})</source>
            <translation>{} a au plus {} classes ({} demandées)</translation>
        </message>
        <message>
            <location filename="../providers/sensors/hubeau.py" line="218" />
            <source>{} has more than {} rows for one day of the chosen stations: ask for fewer stations at once.</source>
            <translation>{} a plus de {} lignes pour un seul jour des stations choisies : demandez moins de stations à la fois.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="129" />
            <source>{} has no observation for the stations {} between {} and {}: nothing was written.</source>
            <translation>{} n'a aucune observation pour les stations {} entre {} et {} : rien n'a été écrit.</translation>
        </message>
        <message>
            <location filename="../providers/portals/datagouv_v2.py" line="65" />
            <source>{} has no search API v2 beside {}.</source>
            <translation>{} n’a pas d’API de recherche v2 à côté de {}.</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings.py" line="154" />
            <source>{} has no {} (asked for '{}').</source>
            <translation>{} n'a pas de {} (demandé : '{}').</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/export_map.py" line="438" />
            <source>{} have no inset on the national map: map them separately.</source>
            <translation>{} n'ont pas de carton sur la carte nationale : cartographiez-les à part.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="313" />
            <source>{} input codes (COG {}) re-coded to the COG {}: {} unchanged, {} recoded, {} merged, {} split, {} unknown; {} output rows</source>
            <translation>{} codes en entrée (COG {}) recodés vers le COG {} : {} inchangés, {} recodés, {} fusionnés, {} scindés, {} inconnus ; {} lignes en sortie</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="329" />
            <source>{} input row(s) repeat a code of another row: their measures were merged (summed) into one output row per code. Check the input has one row per commune.</source>
            <translation>{} ligne(s) en entrée répètent le code d’une autre ligne : leurs mesures ont été fusionnées (additionnées) en une seule ligne par code. Vérifiez que l’entrée a une ligne par commune.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="168" />
            <source>{} invalid feature(s) of {}</source>
            <translation>{} entité(s) invalide(s) sur {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="332" />
            <source>{} invalid zone geometries {} (feature ids: {}).</source>
            <translation>{} géométries de zones invalides {} (identifiants des entités : {}).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="164" />
            <source>{} is not UTF-8: read as {} (to choose another encoding, set it in the layer properties, Source)</source>
            <translation>{} n’est pas en UTF-8 : lu en {} (pour choisir un autre encodage, réglez-le dans les propriétés de la couche, Source)</translation>
        </message>
        <message>
            <location filename="../core/cog/referential.py" line="363" />
            <source>{} is not a commune code of the {} COG</source>
            <translation>{} n’est pas un code de commune du COG {}</translation>
        </message>
        <message>
            <location filename="../core/cog/referential.py" line="398" />
            <source>{} is not a {} code of the {} COG</source>
            <translation>{} n’est pas un code {} du COG {}</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings.py" line="63" />
            <source>{} is not the root of a SensorThings API service (its answer is not JSON). Give the address that ends with the version, e.g. https://example.org/FROST-Server/v1.1</source>
            <translation>{} n'est pas la racine d'un service SensorThings API (sa réponse n'est pas du JSON). Donnez l'adresse qui se termine par la version, p. ex. https://example.org/FROST-Server/v1.1</translation>
        </message>
        <message>
            <location filename="../providers/sensors/sensorthings_format.py" line="63" />
            <source>{} is not the root of a SensorThings API service (its answer lists no Things and Datastreams). Give the address that ends with the version, e.g. https://example.org/FROST-Server/v1.1</source>
            <translation>{} n'est pas la racine d'un service SensorThings API (sa réponse ne liste ni Things ni Datastreams). Donnez l'adresse qui se termine par la version, p. ex. https://example.org/FROST-Server/v1.1</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/ign_basemap.py" line="221" />
            <source>{} is published by the WMS only: the WMS is used</source>
            <translation>{} n'est publiée que par le WMS : le WMS est utilisé</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/publish_datagouv.py" line="162" />
            <source>{} is required.</source>
            <translation>{} est obligatoire.</translation>
        </message>
        <message>
            <location filename="../providers/sensors/hubeau.py" line="165" />
            <source>{} keeps only about the last {} days (since about {}): older observations of the chosen window do not exist there. For a longer history use the daily values (Hub'Eau hydrometry, daily and monthly values) or the non-real-time piezometry.</source>
            <translation>{} ne garde qu'environ les {} derniers jours (depuis le {} environ) : les observations plus anciennes de la fenêtre choisie n'y existent pas. Pour un historique plus long, utilisez les valeurs journalières (hydrométrie Hub'Eau, valeurs journalières et mensuelles) ou la piézométrie hors temps réel.</translation>
        </message>
        <message>
            <location filename="../maps/grid_heatmap.py" line="44" />
            <source>{} km grid cells</source>
            <translation>Carreaux de {} km</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="108" />
            <source>{} lies in {} part(s) of France: {}.</source>
            <translation>{} est située dans {} partie(s) de la France : {}.</translation>
        </message>
        <message>
            <location filename="../providers/portals/opendatasoft.py" line="171" />
            <source>{} lists at most {} datasets per search: narrow the search to see the others.</source>
            <translation>{} liste au plus {} jeux de données par recherche : affinez la recherche pour voir les autres.</translation>
        </message>
        <message>
            <location filename="../core/privacy/generalise.py" line="210" />
            <source>{} m cell</source>
            <translation>carreau de {} m</translation>
        </message>
        <message>
            <location filename="../maps/grid_heatmap.py" line="45" />
            <source>{} m grid cells</source>
            <translation>Carreaux de {} m</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="136" />
            <source>{} malformed code(s) of {}</source>
            <translation>{} code(s) mal formé(s) sur {}</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="40" />
            <source>{} merged</source>
            <translation>{} fusionnés</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="99" />
            <source>{} min</source>
            <translation>{} min</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/repair_geometries.py" line="149" />
            <source>{} mixes geometry types ({}), and a layer holds one type. Split it by geometry type first (e.g. 'Extract by expression' with geometry_type($geometry) = 'Polygon'), then repair each part.</source>
            <translation>{} mélange des types de géométrie ({}), or une couche n’en contient qu’un. Séparez-la d’abord par type de géométrie (par ex. « Extraire par expression » avec geometry_type($geometry) = 'Polygon'), puis réparez chaque partie.</translation>
        </message>
        <message>
            <location filename="../core/quality/html.py" line="36" />
            <source>{} more problem(s) in the JSON report and the problems layer.</source>
            <translation>{} autre(s) problème(s) dans le rapport JSON et la couche des problèmes.</translation>
        </message>
        <message>
            <location filename="../core/quality/qartod.py" line="49" />
            <source>{} must be [low, high] with low &lt;= high, not {!r}</source>
            <translation>{} doit être [bas, haut] avec bas &lt;= haut, et non {!r}</translation>
        </message>
        <message>
            <location filename="../maps/proportional.py" line="87" />
            <source>{} negative value(s) of {} cannot be drawn as circles: left out.</source>
            <translation>{} valeur(s) négative(s) de {} ne peuvent pas être représentées par des cercles : laissées de côté.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="241" />
            <source>{} observation(s) have no readable time in '{}' (first: feature {}); the tests need a time for every observation: fix or filter them</source>
            <translation>{} observation(s) n'ont pas d'heure lisible dans « {} » (première : entité {}) ; les tests ont besoin d'une heure pour chaque observation : corrigez-les ou filtrez-les</translation>
        </message>
        <message>
            <location filename="../core/quality/qartod.py" line="291" />
            <source>{} observation(s) have no time</source>
            <translation>{} observation(s) sans heure</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="256" />
            <source>{} observation(s) of {} have no usable point (NULL or empty geometry, NaN or infinite coordinates): not assigned to a zone (output POINTS_WITHOUT_GEOMETRY).</source>
            <translation>{} observation(s) de {} sans point utilisable (géométrie NULL ou vide, coordonnées NaN ou infinies) : affectée(s) à aucune zone (sortie POINTS_WITHOUT_GEOMETRY).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="293" />
            <source>{} observation(s) of {} have no usable point (NULL or empty geometry, NaN or infinite coordinates): they are aggregated with their key, whose geometry is taken from another observation; {} key(s) have no geometry at all.</source>
            <translation>{} observation(s) de {} n’ont pas de point utilisable (géométrie NULL ou vide, coordonnées NaN ou infinies) : elles sont agrégées avec leur clé, dont la géométrie est prise d’une autre observation ; {} clé(s) n’ont aucune géométrie.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="380" />
            <source>{} observations skipped (no readable timestamp, or outside every zone).</source>
            <translation>{} observations ignorées (pas d'horodatage lisible, ou hors de toute zone).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_observations.py" line="147" />
            <location filename="../processing/algorithms/sensorthings_observations.py" line="134" />
            <source>{} observations written.</source>
            <translation>{} observations écrites.</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="137" />
            <source>{} obsolete code(s) of {}, successors proposed</source>
            <translation>{} code(s) périmé(s) sur {}, successeurs proposés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/add_territorial_hierarchy.py" line="239" />
            <source>{} of {}</source>
            <translation>{} sur {}</translation>
        </message>
        <message>
            <location filename="../providers/portals/load_common.py" line="174" />
            <source>{} of {} features lie outside France (metropolitan and overseas): check the coordinates and their CRS.</source>
            <translation>{} entités sur {} sont hors de France (métropole et outre-mer) : vérifiez les coordonnées et leur SCR.</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="114" />
            <source>{} of {} in {}: counted with it</source>
            <translation>{} de {} en {} : compté avec elle</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="473" />
            <source>{} of {} polygons have edges shared with no neighbour; topology checked on them</source>
            <translation>{} polygones sur {} ont des bords partagés avec aucun voisin ; la topologie est contrôlée sur eux</translation>
        </message>
        <message>
            <location filename="../providers/portals/load_common.py" line="183" />
            <source>{} of {} rows have no geometry (kept, without geometry).</source>
            <translation>{} lignes sur {} n'ont pas de géométrie (conservées, sans géométrie).</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensor_qc.py" line="370" />
            <source>{} of {} sensors have SUSPECT or FAIL observations</source>
            <translation>{} capteurs sur {} ont des observations SUSPECT ou FAIL</translation>
        </message>
        <message>
            <location filename="../core/privacy/identifiers.py" line="243" />
            <source>{} of {} texts contain identifiers</source>
            <translation>{} textes sur {} contiennent des identifiants</translation>
        </message>
        <message>
            <location filename="../core/privacy/identifiers.py" line="235" />
            <source>{} of {} values are {}</source>
            <translation>{} valeurs sur {} sont de type {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_observations.py" line="100" />
            <source>{} offers the dataArray format: it is used.</source>
            <translation>{} propose le format dataArray : il est utilisé.</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="48" />
            <source>{} or older</source>
            <translation>{} ou antérieur</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="84" />
            <source>{} or older (e.g. 2018 boundaries)</source>
            <translation>{} ou plus ancien (par exemple limites de 2018)</translation>
        </message>
        <message>
            <location filename="../processing/output_checks.py" line="318" />
            <source>{} or {}</source>
            <translation>{} ou {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_quality_geometry.py" line="420" />
            <source>{} overlap(s) larger than {} m²</source>
            <translation>{} chevauchement(s) de plus de {} m²</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="302" />
            <source>{} point(s) of {} could not be reprojected to {} (coordinates outside what the CRS can represent): not counted.</source>
            <translation>{} point(s) de {} n'ont pas pu être reprojetés en {} (coordonnées hors de ce que le SCR peut représenter) : non comptés.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="207" />
            <source>{} point(s) of {} fall outside the area of every grid (EPSG:3035 in Europe, the local CRS in Guadeloupe, Martinique, Guyane, La Réunion, Mayotte and the other overseas collectivities, see the help) or could not be reprojected: no cell is made for them (output POINTS_OUTSIDE_GRID). Check the layer's CRS if they should be in France or Europe.</source>
            <translation>{} point(s) de {} tombent hors de la zone de toute grille (EPSG:3035 en Europe, le SCR local en Guadeloupe, Martinique, Guyane, à La Réunion, à Mayotte et dans les autres collectivités d'outre-mer, voir l'aide) ou n'ont pas pu être reprojetés : aucun carreau n'est créé pour eux (sortie POINTS_OUTSIDE_GRID). Vérifiez le SCR de la couche s'ils devraient être en France ou en Europe.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_zones.py" line="484" />
            <source>{} points counted in a zone, {} outside every zone, {} features without a usable point.</source>
            <translation>{} points comptés dans une zone, {} hors de toute zone, {} entités sans point utilisable.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_points_to_grid.py" line="163" />
            <source>{} points in {} non-empty cells of {} m.</source>
            <translation>{} points dans {} carreaux non vides de {} m.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/protective_grid.py" line="101" />
            <source>{} points of {} have no usable coordinates (NULL, empty, NaN or infinite) and {} lie outside the area of every grid (EPSG:3035 in Europe, the local CRS overseas): they are excluded and counted in the report.</source>
            <translation>{} points de {} n'ont pas de coordonnées utilisables (NULL, vides, NaN ou infinies) et {} sont hors de la zone de toute grille (EPSG:3035 en Europe, le SCR local outre-mer) : ils sont exclus et comptés dans le rapport.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/quality_report.py" line="416" />
            <source>{} problem(s): {} error(s), {} warning(s); {} of {} features affected</source>
            <translation>{} problème(s) : {} erreur(s), {} avertissement(s) ; {} entités concernées sur {}</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="39" />
            <source>{} recoded</source>
            <translation>{} recodés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="309" />
            <source>{} records have no usable location (NULL geometry, NaN or infinite coordinates) or lie outside the area of use of the INSEE grid (EPSG:3035, Europe): they get no grid cell.</source>
            <translation>{} enregistrements n'ont pas de localisation utilisable (géométrie NULL, coordonnées NaN ou infinies) ou sont hors du domaine d'emploi de la grille INSEE (EPSG:3035, Europe) : ils ne reçoivent aucun carreau.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/secret_statistique.py" line="240" />
            <source>{} records of {} have no commune code in {}: fill or filter them before tabulating.</source>
            <translation>{} enregistrements de {} n'ont pas de code commune dans {} : complétez-les ou filtrez-les avant de tabuler.</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="755" />
            <source>{} redirected {} to another address ({}) that TerriData does not follow: a credential is never sent to another host, and a secure (HTTPS) address is never left for a plain HTTP one. Use the final address directly if you trust it (with its own authentication configuration if it needs one).</source>
            <translation>{} a redirigé {} vers une autre adresse ({}) que TerriData ne suit pas : un identifiant n'est jamais envoyé à un autre hôte, et une adresse sécurisée (HTTPS) n'est jamais quittée pour une adresse HTTP simple. Utilisez directement l'adresse finale si vous lui faites confiance (avec sa propre configuration d'authentification si elle en demande une).</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="740" />
            <source>{} redirected {} too many times (a redirect loop?). Check the address, or try again later.</source>
            <translation>{} a redirigé {} trop de fois (boucle de redirection ?). Vérifiez l'adresse, ou réessayez plus tard.</translation>
        </message>
        <message>
            <location filename="../providers/portals/ckan.py" line="123" />
            <source>{} refused {} ({}: {}).</source>
            <translation>{} a refusé {} ({} : {}).</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="330" />
            <source>{} requests every {} seconds</source>
            <translation>{} requêtes toutes les {} secondes</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="301" />
            <source>{} requests per hour</source>
            <translation>{} requêtes par heure</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="301" />
            <source>{} requests per minute</source>
            <translation>{} requêtes par minute</translation>
        </message>
        <message>
            <location filename="../ui/options_page.py" line="301" />
            <source>{} requests per second</source>
            <translation>{} requêtes par seconde</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="295" />
            <source>{} requests to INSEE Melodi, {} observations</source>
            <translation>{} requêtes à INSEE Melodi, {} observations</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="273" />
            <source>{} results from {} sources</source>
            <translation>{} résultats de {} sources</translation>
        </message>
        <message>
            <location filename="../ui/catalogue_dock.py" line="271" />
            <source>{} results so far; searching {}…</source>
            <translation>{} résultats pour l'instant ; recherche dans {}…</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="294" />
            <source>{} returned malformed JSON for {} ({}; the answer starts with: '{}'). The service may be failing or its address may point to something else: check the service address in the TerriData settings, or try again later.</source>
            <translation>{} a renvoyé un JSON mal formé pour {} ({} ; la réponse commence par : « {} »). Le service est peut-être défaillant ou son adresse pointe ailleurs : vérifiez l'adresse du service dans les paramètres de TerriData, ou réessayez plus tard.</translation>
        </message>
        <message>
            <location filename="../providers/portals/code_join.py" line="106" />
            <source>{} rows ({} distinct codes) match no boundary and are kept without geometry: {}.</source>
            <translation>{} lignes ({} codes distincts) ne correspondent à aucune limite et sont conservées sans géométrie : {}.</translation>
        </message>
        <message>
            <location filename="../toolbelt/http_errors.py" line="100" />
            <source>{} s</source>
            <translation>{} s</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="866" />
            <source>{} sent more than {} for {}; the answer was refused.</source>
            <translation>{} a envoyé plus de {} pour {} ; la réponse a été refusée.</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="826" />
            <source>{} sent more than {} for {}; the answer was refused. Ask for less data at once (smaller area, fewer layers or fields, paging), or raise the maximum response size in the TerriData settings.</source>
            <translation>{} a envoyé plus de {} pour {} ; la réponse a été refusée. Demandez moins de données à la fois (zone plus petite, moins de couches ou de champs, pagination), ou augmentez la taille maximale des réponses dans les paramètres de TerriData.</translation>
        </message>
        <message>
            <location filename="../processing/territory_defaults.py" line="54" />
            <source>{} spans several parts of France ({}), which have different official CRSs: kept in {} (valid for all of them). Choose a CRS, or restrict to one territory, to get its official one.</source>
            <translation>{} s'étend sur plusieurs parties de la France ({}), dont les SCR officiels diffèrent : conservé en {} (valable pour toutes). Choisissez un SCR, ou limitez-vous à un territoire, pour obtenir son SCR officiel.</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="41" />
            <source>{} split</source>
            <translation>{} scindés</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/hubeau_stations.py" line="115" />
            <location filename="../processing/algorithms/sensorthings_stations.py" line="80" />
            <source>{} stations written.</source>
            <translation>{} stations écrites.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/insee_statistics.py" line="355" />
            <source>{} statistics code(s) found no boundary: {}</source>
            <translation>{} code(s) des statistiques n'ont trouvé aucune limite : {}</translation>
        </message>
        <message>
            <location filename="../providers/insee/melodi.py" line="77" />
            <source>{} territories of level {}</source>
            <translation>{} territoires de niveau {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_sensors_common.py" line="277" />
            <source>{} times had no time zone (for example '{}'): they were read as UTC.</source>
            <translation>{} dates n'avaient pas de fuseau horaire (par exemple '{}') : elles ont été lues en UTC.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/aggregate_time_series.py" line="395" />
            <source>{} timestamp(s) of field {} in {} are before 1970-01-01 or after 2100-12-31 (e.g. {}, feature number {}): time buckets are supported from 1970 to 2100 only. Filter these observations out (e.g. a filter on the layer) or correct their dates, and retry.</source>
            <translation>{} horodatage(s) du champ {} de {} sont antérieurs au 1970-01-01 ou postérieurs au 2100-12-31 (par exemple {}, entité numéro {}) : les pas de temps ne sont pris en charge que de 1970 à 2100. Écartez ces observations (par exemple par un filtre sur la couche) ou corrigez leurs dates, et relancez.</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="38" />
            <source>{} unchanged</source>
            <translation>{} inchangés</translation>
        </message>
        <message>
            <location filename="../core/cog/harmonise.py" line="42" />
            <source>{} unknown</source>
            <translation>{} inconnus</translation>
        </message>
        <message>
            <location filename="../core/quality/codes.py" line="142" />
            <source>{} unknown code(s) of {}</source>
            <translation>{} code(s) inconnu(s) sur {}</translation>
        </message>
        <message>
            <location filename="../core/quality/attributes.py" line="290" />
            <source>{} value(s) outside the domain</source>
            <translation>{} valeur(s) hors du domaine</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_aggregation_common.py" line="415" />
            <source>{} zone(s) have invalid geometries (feature ids {}). Repair them (Fix geometries), or set 'Invalid zone geometries' to skip, repair or use them as they are.</source>
            <translation>{} zone(s) ont des géométries invalides (identifiants des entités {}). Réparez-les (Réparer les géométries), ou réglez « Géométries de zones invalides » pour les ignorer, les réparer ou les utiliser telles quelles.</translation>
        </message>
        <message>
            <location filename="../core/privacy/generalise.py" line="108" />
            <source>{}-year bands</source>
            <translation>tranches de {} ans</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/sensorthings_stations.py" line="59" />
            <source>{}: SensorThings {}, dataArray {}</source>
            <translation>{} : SensorThings {}, dataArray {}</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="608" />
            <source>{}: answered {} ({}), waiting {} s before try {} of {}</source>
            <translation>{} : a répondu {} ({}), attente de {} s avant la tentative {} sur {}</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/quality.py" line="55" />
            <source>{}: curved geometries</source>
            <translation>{} : géométries courbes</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="104" />
            <source>{}: curved zone geometries</source>
            <translation>{} : géométries de zones courbes</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/quality.py" line="53" />
            <source>{}: its key column is not an integer field</source>
            <translation>{} : sa colonne clé n’est pas un champ entier</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="106" />
            <source>{}: its key column is not one of its fields</source>
            <translation>{} : sa colonne clé n’est pas l’un de ses champs</translation>
        </message>
        <message>
            <location filename="../core/cog/referential.py" line="373" />
            <source>{}: its parent commune {} is missing from the COG</source>
            <translation>{} : sa commune de rattachement {} manque dans le COG</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/anonymised_export.py" line="362" />
            <source>{}: k is then met with {} ({} records suppressed)</source>
            <translation>{} : k est alors respecté avec {} ({} enregistrements supprimés)</translation>
        </message>
        <message>
            <location filename="../toolbelt/network.py" line="565" />
            <source>{}: rate limit, waiting {} s</source>
            <translation>{} : limite de débit, attente de {} s</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/harmonise_cog.py" line="337" />
            <source>{}: total before {:.6g}, after {:.6g}, in unknown codes {:.6g}</source>
            <translation>{} : total avant {:.6g}, après {:.6g}, dans les codes inconnus {:.6g}</translation>
        </message>
        <message>
            <location filename="../processing/postgis_engine/zones.py" line="87" />
            <source>{}: {}</source>
            <translation>{} : {}</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/split_by_territory.py" line="164" />
            <source>{}: {} feature(s) in {}</source>
            <translation>{} : {} entité(s) en {}</translation>
        </message>
        <message>
            <location filename="../providers/sensors/hubeau.py" line="227" />
            <source>{}: {} rows between {} and {}, more than the {} one request may reach: the window is split in two.</source>
            <translation>{} : {} lignes entre {} et {}, plus que les {} qu'une requête peut atteindre : la fenêtre est coupée en deux.</translation>
        </message>
        <message>
            <location filename="../processing/algorithms/_ign_layer_param.py" line="74" />
            <source>… and every other layer of the service's capabilities, by its name ({} listed now).</source>
            <translation>… et toute autre couche des capacités du service, par son nom ({} listées actuellement).</translation>
        </message>
        <message>
            <location filename="../core/opendata/validation_report.py" line="24" />
            <source>… and {:,} more errors (see the validation report)</source>
            <translation>… et {:,} autres erreurs (voir le rapport de validation)</translation>
        </message>
    </context>
</TS>
