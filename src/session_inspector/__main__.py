from session_inspector.launcher import main

raise SystemExit(main())
