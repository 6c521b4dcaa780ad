from qt_app.cli import main

raise SystemExit(main())
