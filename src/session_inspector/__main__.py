from session_inspector.cli import main

raise SystemExit(main())
