from jalin.cli import main

main()
