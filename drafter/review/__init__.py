"""The reviewer's desk: a batch of reports checked, and the review documents made of it (HTML page, XLSX, CSV)."""
