from listing_lint.cli import main

main()
