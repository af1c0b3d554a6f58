"""The review workflow, the bottom layer of reviews/: statuses and the one table of moves
(`moves`), the models of a review (`models`), the only code that moves a review (`services`),
its errors, roles and rating scale. Nothing here imports publishing, re-checks, the admin or the
dashboard, which are built on it."""
