"""Where leads' storage lives, one module per thing it stores:

- leads (load, lock, save, history, follow-ups, a claimant's counts): ``lead_store``
- books (a dealer's or a node's default pool and dedup keys): ``book_store``
- pools (members, candidates for assignment, managers' settings): ``pool_store``
- customers — which customer a submission is (the dedup rule, single and bulk): ``customer_dedup``;
  locks, their opportunities, merges: ``customer_files``
- lotteries of released leads: ``draw_store``; distribution to dealers: ``distribution_store``
- routing rules: ``routing_store``; campaigns: ``campaign_store``; receptions:
  ``reception_store``; imports: ``import_store`` (tables ``import_tables``; files are read by
  ``crm_common.spreadsheet_rows``); the recycle sweep: ``recycle_sweep``
- who may act on what: ``access`` (who works in a book: ``crm_common.policy.staff``)
- the tables: ``tables``
"""
