"""Pure parsing of downloaded tables and archives (no ``qgis`` import): CSV dialect and geometry-column
detection (:mod:`.sniff`), coordinate checks (:mod:`.coords`), territory-code repair (:mod:`.codes`), safe zip
extraction (:mod:`.zipsafe`) and file-format recognition (:mod:`.formats`). Used by the resource loader of
``providers/portals/loader.py``."""
