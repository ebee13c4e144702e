// Generated from docs/openapi by `npm run generate`: never edit by hand.
export interface paths {
    "/catalog": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Catalog
         * @description The current catalogue, or an earlier version.
         */
        get: operations["read_catalog_catalog_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog/configurations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Configure
         * @description The configurator: every problem of the configuration (each naming its field), or its
         *     price with the caller's dealer's prices and the quote lines it would make.
         */
        post: operations["configure_catalog_configurations_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog/dealer-pricing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Dealer Pricing
         * @description The caller's dealer's selling prices and accessories (empty above dealers).
         */
        get: operations["read_dealer_pricing_catalog_dealer_pricing_get"];
        /**
         * Set Dealer Pricing
         * @description Replaces the dealer's price list: selling prices of trims and its own accessories
         *     (which models they fit), checked against the current catalogue.
         */
        put: operations["set_dealer_pricing_catalog_dealer_pricing_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/catalog/publications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Publish Catalog
         * @description HQ publishes the next version of the catalogue (models, trims, colours, options,
         *     compatibility rules, MSRP and invoice prices) to every dealer (CatalogPublished). Checked
         *     whole: a problem answers 422 naming its place, e.g. ``catalog.models[0].trims[1].msrp``.
         */
        post: operations["publish_catalog_catalog_publications_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/competitors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Competitors
         * @description The competitors the caller's book may name (its own list and the lists of the nodes
         *     above it, HQ's among them), and those of the books whose figures the caller sees.
         */
        get: operations["list_competitors_competitors_get"];
        put?: never;
        /**
         * Add Competitor
         * @description Put a competitor and its models on the list of the caller's book (a dealer's, or for
         *     HQ staff HQ's, which every dealer uses).
         */
        post: operations["add_competitor_competitors_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/competitors/{competitor_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Change Competitor
         * @description Rename it, change its models or retire it (the opportunities that met it keep it).
         */
        put: operations["change_competitor_competitors__competitor_id__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The process is alive */
        get: operations["healthz_healthz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Opportunities
         * @description Newest first, as far as the caller may see (masked where they may not see in full).
         */
        get: operations["list_opportunities_opportunities_get"];
        put?: never;
        /**
         * Open Opportunity
         * @description Opens an opportunity owned by the caller (most open from a converted lead instead).
         */
        post: operations["open_opportunity_opportunities_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{opportunity_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get Opportunity
         * @description With its stage history (who moved it when) and the activities recorded; the read of
         *     personal data is audited.
         */
        get: operations["get_opportunity_opportunities__opportunity_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{opportunity_id}/activities": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record Activity */
        post: operations["record_activity_opportunities__opportunity_id__activities_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{opportunity_id}/co-sellers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Co Sellers
         * @description The colleagues a split of the deal's credit may name (``PUT …/credit-split``): the
         *     active consultants of its dealer, the owner among them, by name, a page at a time.
         */
        get: operations["co_sellers_opportunities__opportunity_id__co_sellers_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{opportunity_id}/competitors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Competitors In Play */
        get: operations["competitors_in_play_opportunities__opportunity_id__competitors_get"];
        /**
         * Record Competitors In Play
         * @description The competitors the open opportunity meets, from its dealer's list, and which of their
         *     models (the whole list: it replaces the last one; an empty list clears it).
         */
        put: operations["record_competitors_in_play_opportunities__opportunity_id__competitors_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{opportunity_id}/credit-split": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Credit Split */
        get: operations["credit_split_opportunities__opportunity_id__credit_split_get"];
        /**
         * Propose Credit Split
         * @description Share the deal's credit with co-selling consultants (shares summing to 100, the owner
         *     among them); it counts once a manager approves it.
         */
        put: operations["propose_credit_split_opportunities__opportunity_id__credit_split_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{opportunity_id}/credit-split/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide Credit Split
         * @description A manager approves or rejects the proposed split (409 once decided).
         */
        post: operations["decide_credit_split_opportunities__opportunity_id__credit_split_decision_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{opportunity_id}/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Evaluate Opportunity
         * @description Scores the opportunity with the answers (every question answered, 422 naming the answer
         *     otherwise); the opportunity shows its latest score.
         */
        post: operations["evaluate_opportunity_opportunities__opportunity_id__evaluations_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{opportunity_id}/loss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report Lost
         * @description Lost (战败), with the reason and the competitor.
         */
        post: operations["report_lost_opportunities__opportunity_id__loss_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{opportunity_id}/quotes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Quote Versions
         * @description The versions of the opportunity's quote, newest first, a page at a time.
         */
        get: operations["list_quote_versions_opportunities__opportunity_id__quotes_get"];
        put?: never;
        /**
         * Draft Quote
         * @description The next version of the opportunity's quote, as a draft: a configuration priced by the
         *     configurator with the dealer's prices, and lines that carry their own list price, price and
         *     cost (accessories off the list, warranty, partners' products, trade-in credit, fees).
         */
        post: operations["draft_quote_opportunities__opportunity_id__quotes_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{opportunity_id}/reassignment": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reassign
         * @description A manager gives it to another active consultant of the dealer.
         */
        post: operations["reassign_opportunities__opportunity_id__reassignment_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{opportunity_id}/stage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move To Stage
         * @description Forward (once the stages' required activities are recorded) or back.
         */
        post: operations["move_to_stage_opportunities__opportunity_id__stage_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{opportunity_id}/test-drives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record Test Drive
         * @description A test drive (试驾): the licence must have been checked.
         */
        post: operations["record_test_drive_opportunities__opportunity_id__test_drives_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/{opportunity_id}/trade-ins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Appraise Trade In
         * @description The customer's car appraised for a trade-in (二手置换).
         */
        post: operations["appraise_trade_in_opportunities__opportunity_id__trade_ins_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/opportunities/board": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pipeline Board
         * @description The pipeline view: its stages left to right, each with the count and amount of the open
         *     opportunities the caller may see and their first cards (stale ones flagged).
         */
        get: operations["pipeline_board_opportunities_board_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{order_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Order */
        get: operations["get_order_orders__order_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{order_id}/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Order Applications
         * @description The order's finance and insurance applications and where each partner has them, a
         *     page at a time.
         */
        get: operations["list_order_applications_orders__order_id__applications_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{order_id}/cancellation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel Order
         * @description Before delivery; the won deal is undone and the deposit is to be refunded.
         */
        post: operations["cancel_order_orders__order_id__cancellation_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{order_id}/refund": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Refund Deposit
         * @description The cancelled order's deposit was paid back (once).
         */
        post: operations["refund_deposit_orders__order_id__refund_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/orders/{order_id}/steps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Complete Step
         * @description The next step of the dealer's order process (deposit_paid → ordered → delivered → paid,
         *     or paid → ordered → delivered); delivery needs the VIN.
         */
        post: operations["complete_step_orders__order_id__steps_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Partner Applications
         * @description The caller partner's applications, newest first.
         */
        get: operations["list_partner_applications_partner_applications_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/applications/{application_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Partner Application */
        get: operations["get_partner_application_partner_applications__application_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/partner/applications/{application_id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Update Application Status
         * @description Approved or declined (from submitted), or submitted again (after a decline).
         */
        post: operations["update_application_status_partner_applications__application_id__status_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pipelines": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Pipelines
         * @description The caller's dealer's pipelines (created from the nearest template, or the built-in one,
         *     until the dealer configures its own), oldest first, then the templates above it, nearest
         *     first; HQ's and a region's own templates. A page at a time.
         */
        get: operations["list_pipelines_pipelines_get"];
        put?: never;
        /**
         * Define Pipeline
         * @description The dealer's own stages (probabilities, required activities, rot days), from now on its
         *     default; opportunities already open keep the pipeline they are in. Defined at HQ or a
         *     region, it is the template the dealers below start from and may adopt.
         */
        post: operations["define_pipeline_pipelines_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pipelines/{pipeline_id}/adoption": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Adopt Pipeline Template
         * @description The dealer makes a copy of its region's or HQ's template its default pipeline.
         */
        post: operations["adopt_pipeline_template_pipelines__pipeline_id__adoption_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/questionnaires": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Questionnaires
         * @description The questionnaires the caller's dealer evaluates with (its own, its region's, HQ's);
         *     for HQ and regions, their own. Oldest first, a page at a time.
         */
        get: operations["list_questionnaires_questionnaires_get"];
        put?: never;
        /**
         * Define Questionnaire
         * @description A questionnaire of the caller's dealer, or (from HQ or a region) for its dealers.
         */
        post: operations["define_questionnaire_questionnaires_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/quote-templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Quote Templates
         * @description The caller's dealer's quote templates, oldest first, a page at a time.
         */
        get: operations["list_quote_templates_quote_templates_get"];
        put?: never;
        /**
         * Define Quote Template
         * @description A standard package of the dealer (报价模板): a configuration and lines a quote starts
         *     from.
         */
        post: operations["define_quote_template_quote_templates_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/quotes/{quote_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Quote */
        get: operations["get_quote_quotes__quote_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/quotes/{quote_id}/acceptance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Accept Quote
         * @description The customer accepts: the order is placed and the opportunity won (DealWon).
         */
        post: operations["accept_quote_quotes__quote_id__acceptance_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/quotes/{quote_id}/approval": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide Quote
         * @description A sales manager decides up to the manager's limit, a dealer admin beyond it (409 when
         *     the discount is beyond the caller's level).
         */
        post: operations["decide_quote_quotes__quote_id__approval_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/quotes/{quote_id}/document": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Print Quote
         * @description The quote as the customer gets it (HTML, or PDF with Chinese text in the standard
         *     STSong font), on the dealer's letterhead; personal data as the caller may see it, the read
         *     audited.
         */
        get: operations["print_quote_quotes__quote_id__document_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/quotes/{quote_id}/issue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue Quote
         * @description Issued to the customer, or (a discount beyond the consultant's limit) held for the
         *     sales manager's or the dealer's approval. Moves the opportunity to the quote stage.
         */
        post: operations["issue_quote_quotes__quote_id__issue_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Database and Kafka are reachable */
        get: operations["readyz_readyz_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/competitors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Competition Report
         * @description Win/loss by competitor and model: per competitor (and per model of it), the open deals
         *     it is in play on now, the deals won in the period while it was in play, and those lost to
         *     it (the loss names it, or it was in play and the loss names nobody); the win rate against
         *     it. Most contested first.
         */
        get: operations["competition_report_reports_competitors_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/forecast": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Forecast Report
         * @description Weighted forecast per month or week: open amounts expected to close then, times
         *     their stage's win probability; amounts won then; planned collections due then, and how
         *     much of them was collected.
         */
        get: operations["forecast_report_reports_forecast_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/funnel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Funnel Report
         * @description Opportunities created in the period: per stage how many reached it, how many are open
         *     in it, and the share of those reaching a stage that reached the next. Figures of every
         *     dealer that shares at least figures with the caller.
         */
        get: operations["funnel_report_reports_funnel_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/stale": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Stale Report
         * @description Open opportunities left in their stage longer than the stage's days-to-rot, most
         *     overdue first: records, so only those the caller may see as records, masked as agreed.
         */
        get: operations["stale_report_reports_stale_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/reports/win-loss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Win Loss Report
         * @description Opportunities closed in the period: won and lost, win rate, lost reasons and the
         *     competitors (with their models) that won, most frequent first.
         */
        get: operations["win_loss_report_reports_win_loss_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/sales-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Sales Settings
         * @description The caller's dealer's discount limits, order process and quote print settings (the
         *     defaults until the dealer sets them; the defaults above dealers).
         */
        get: operations["read_sales_settings_sales_settings_get"];
        /**
         * Set Sales Settings
         * @description The dealer admin sets the discount limits (consultant, then sales manager; beyond, the
         *     dealer), the order process, the letterhead and how long quotes stay valid.
         */
        put: operations["set_sales_settings_sales_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** AccessoryIn */
        "AccessoryIn-Input": {
            /** Code */
            code: string;
            /** Cost */
            cost: number | string;
            /**
             * Fits Models
             * @description Model codes; empty fits every model
             */
            fits_models?: string[];
            /** Name */
            name: string;
            /** Price */
            price: number | string;
        };
        /** AccessoryIn */
        "AccessoryIn-Output": {
            /** Code */
            code: string;
            /** Cost */
            cost: string;
            /**
             * Fits Models
             * @description Model codes; empty fits every model
             */
            fits_models?: string[];
            /** Name */
            name: string;
            /** Price */
            price: string;
        };
        /** ActivityCreate */
        ActivityCreate: {
            /** Kind */
            kind: string;
            /** Note */
            note?: string | null;
        };
        /** AnswerOption */
        AnswerOption: {
            /** Code */
            code: string;
            /** Label */
            label: string;
            /** Points */
            points: number;
        };
        /**
         * ApplicationStatus
         * @enum {string}
         */
        ApplicationStatus: "submitted" | "approved" | "declined";
        /** ApprovalDecision */
        ApprovalDecision: {
            /** Approve */
            approve: boolean;
            /** Note */
            note?: string | null;
        };
        /**
         * Approver
         * @enum {string}
         */
        Approver: "sales_manager" | "dealer";
        /** BoardCard */
        BoardCard: {
            /**
             * Age Days
             * @description Whole days since the opportunity opened
             */
            age_days: number;
            /** Amount */
            amount: string;
            /** Currency */
            currency: string;
            /**
             * Customer Name
             * @description Masked unless the caller may see the customer's data in full
             */
            customer_name: string;
            /**
             * Days In Stage
             * @description Whole days since it entered its stage
             */
            days_in_stage: number;
            /** Expected Close On */
            expected_close_on: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Owner Org */
            owner_org: string;
            /** Owner User */
            owner_user: string;
            /** Probability */
            probability: number;
            /**
             * Stale
             * @description Days in stage exceed the stage's days-to-rot
             */
            stale: boolean;
            /** Vehicle Interest */
            vehicle_interest: string | null;
        };
        /** BoardStage */
        BoardStage: {
            /** Amount */
            amount: string;
            /**
             * Cards
             * @description The first cards, longest in the stage first
             */
            cards: components["schemas"]["BoardCard"][];
            /** Code */
            code: string;
            /**
             * Count
             * @description Open opportunities in the stage
             */
            count: number;
            /** Name */
            name: string;
            /**
             * Probability
             * @description Win probability of the stage, %
             */
            probability: number | null;
            /**
             * Rot Days
             * @description Days in the stage after which a card is stale
             */
            rot_days: number | null;
        };
        /** Cancellation */
        Cancellation: {
            /** Reason */
            reason: string;
        };
        /**
         * CatalogIn
         * @description The whole catalogue of a version (each publication replaces the previous one).
         */
        CatalogIn: {
            /** Models */
            models: components["schemas"]["ModelIn-Input"][];
            /** Rules */
            rules?: components["schemas"]["RuleIn"][];
        };
        /** CatalogPublic */
        CatalogPublic: {
            /** Models */
            models: components["schemas"]["ModelIn-Output"][];
            /** Rules */
            rules: components["schemas"]["RuleIn"][];
            /** Version */
            version: number;
        };
        /** CompetitionReport */
        CompetitionReport: {
            /**
             * Competitors
             * @description The 100 most contested first
             */
            competitors: components["schemas"]["CompetitorFigures"][];
            /**
             * Competitors Truncated
             * @description More competitors were met than listed: ask for a shorter period for fewer
             */
            competitors_truncated: boolean;
            /**
             * Date From
             * Format: date
             */
            date_from: string;
            /**
             * Date To
             * Format: date
             */
            date_to: string;
        };
        /** Competitor */
        Competitor: {
            /** Amount */
            amount: string;
            /** Competitor */
            competitor: string;
            /**
             * Count
             * @description Opportunities lost to this competitor
             */
            count: number;
            /**
             * Models
             * @description The 50 most frequent first
             */
            models: components["schemas"]["CompetitorModel"][];
            /**
             * Models Truncated
             * @description Losses named more models than listed
             */
            models_truncated: boolean;
        };
        /** CompetitorChoice */
        CompetitorChoice: {
            /**
             * Competitor Id
             * Format: uuid
             */
            competitor_id: string;
            /**
             * Models
             * @description Which of its models the customer weighs (none: not known yet)
             */
            models?: string[];
        };
        /** CompetitorCreate */
        CompetitorCreate: {
            /** Models */
            models?: string[];
            /** Name */
            name: string;
        };
        /** CompetitorFigures */
        CompetitorFigures: {
            /** Competitor */
            competitor: string;
            /**
             * Lost
             * @description Deals lost to it in the period: the loss names it, or it was in play and the loss names nobody
             */
            lost: number;
            /** Lost Amount */
            lost_amount: string;
            /**
             * Models
             * @description The 50 most contested first
             */
            models: components["schemas"]["CompetitorModelFigures"][];
            /**
             * Models Truncated
             * @description More of its models were contested than listed
             */
            models_truncated: boolean;
            /**
             * Open
             * @description Open opportunities it is in play on (now)
             */
            open: number;
            /** Open Amount */
            open_amount: string;
            /**
             * Win Rate
             * @description won / (won + lost); None when none decided
             */
            win_rate: number | null;
            /**
             * Won
             * @description Deals won in the period while it was in play
             */
            won: number;
            /** Won Amount */
            won_amount: string;
        };
        /** CompetitorInPlayPublic */
        CompetitorInPlayPublic: {
            /**
             * Competitor Id
             * Format: uuid
             */
            competitor_id: string;
            /**
             * Models
             * @description Capped where they are set
             */
            models: string[];
            /** Name */
            name: string;
            /** Recorded By */
            recorded_by: string;
        };
        /** CompetitorModel */
        CompetitorModel: {
            /** Count */
            count: number;
            /** Model */
            model: string | null;
        };
        /** CompetitorModelFigures */
        CompetitorModelFigures: {
            /**
             * Lost
             * @description Deals lost to it in the period: the loss names it, or it was in play and the loss names nobody
             */
            lost: number;
            /** Lost Amount */
            lost_amount: string;
            /** Model */
            model: string;
            /**
             * Open
             * @description Open opportunities it is in play on (now)
             */
            open: number;
            /** Open Amount */
            open_amount: string;
            /**
             * Win Rate
             * @description won / (won + lost); None when none decided
             */
            win_rate: number | null;
            /**
             * Won
             * @description Deals won in the period while it was in play
             */
            won: number;
            /** Won Amount */
            won_amount: string;
        };
        /** CompetitorPublic */
        CompetitorPublic: {
            /** Active */
            active: boolean;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Models
             * @description Capped where they are set
             */
            models: string[];
            /** Name */
            name: string;
            /**
             * Owner Org
             * @description The book whose list it is on (HQ's is every dealer's)
             */
            owner_org: string;
        };
        /** CompetitorsInPlay */
        CompetitorsInPlay: {
            /** Competitors */
            competitors: components["schemas"]["CompetitorChoice"][];
        };
        /**
         * CompetitorsInPlayPublic
         * @description Whom an opportunity meets (at most ten competitors).
         */
        CompetitorsInPlayPublic: {
            /**
             * Competitors
             * @description By name (capped where they are set)
             */
            competitors: components["schemas"]["CompetitorInPlayPublic"][];
            /**
             * Opportunity Id
             * Format: uuid
             */
            opportunity_id: string;
        };
        /** CompetitorUpdate */
        CompetitorUpdate: {
            /**
             * Active
             * @description false retires it: no longer offered for new opportunities
             * @default true
             */
            active: boolean;
            /** Models */
            models?: string[];
            /** Name */
            name: string;
        };
        /**
         * ConfigurationIn
         * @description A vehicle as the configurator takes it (the current catalogue's codes).
         */
        ConfigurationIn: {
            /** Accessories */
            accessories?: string[];
            /** Colour Code */
            colour_code: string;
            /** Model Code */
            model_code: string;
            /** Options */
            options?: string[];
            /** Trim Code */
            trim_code: string;
        };
        /** ConfiguredPublic */
        ConfiguredPublic: {
            /** Catalog Version */
            catalog_version: number;
            /** Items */
            items: components["schemas"]["PricedItemPublic"][];
            /** Msrp Total */
            msrp_total: string | null;
            /** Price Total */
            price_total: string | null;
            /**
             * Problems
             * @description Each names the field to change
             */
            problems: components["schemas"]["ProblemPublic"][];
            /**
             * Quote Lines
             * @description What a quote of it would carry
             */
            quote_lines: components["schemas"]["QuoteLineIn-Output"][];
            /** Valid */
            valid: boolean;
        };
        /** CoSeller */
        CoSeller: {
            /**
             * Name
             * @description The name colleagues know them by; none until identity has announced it
             */
            name: string | null;
            /**
             * Team
             * @description Their org node (team, or the dealer itself)
             */
            team: string;
            /** User Id */
            user_id: string;
        };
        /** CreditShareProposal */
        CreditShareProposal: {
            /** Share Percent */
            share_percent: number | string;
            /** User Id */
            user_id: string;
        };
        /** CreditShareView */
        CreditShareView: {
            /**
             * Name
             * @description The name colleagues know them by; none until identity has announced it
             */
            name?: string | null;
            /** Share Percent */
            share_percent: string;
            /** Team */
            team: string;
            /** User Id */
            user_id: string;
        };
        /** CreditSplitDecision */
        CreditSplitDecision: {
            /** Approved */
            approved: boolean;
            /** Note */
            note?: string | null;
        };
        /** CreditSplitProposal */
        CreditSplitProposal: {
            /** Shares */
            shares: components["schemas"]["CreditShareProposal"][];
        };
        /** CreditSplitView */
        CreditSplitView: {
            /** Decided At */
            decided_at: string | null;
            /** Decided By */
            decided_by: string | null;
            /** Note */
            note: string | null;
            /**
             * Proposed At
             * Format: date-time
             */
            proposed_at: string;
            /** Proposed By */
            proposed_by: string;
            /** Shares */
            shares: components["schemas"]["CreditShareView"][];
            /** Status */
            status: string;
        };
        /** DealerPricingIn */
        DealerPricingIn: {
            /** Accessories */
            accessories?: components["schemas"]["AccessoryIn-Input"][];
            /**
             * Trim Prices
             * @description Trim code → the dealer's selling price, where it differs from MSRP
             */
            trim_prices?: {
                [key: string]: number | string;
            };
        };
        /** DealerPricingPublic */
        DealerPricingPublic: {
            /** Accessories */
            accessories: components["schemas"]["AccessoryIn-Output"][];
            /** Trim Prices */
            trim_prices: {
                [key: string]: string;
            };
        };
        /**
         * DiscountPolicy
         * @description Discount as a percentage of the quote's list total.
         */
        "DiscountPolicy-Input": {
            /**
             * Consultant Percent
             * @default 3
             */
            consultant_percent: number | string;
            /**
             * Manager Percent
             * @default 8
             */
            manager_percent: number | string;
        };
        /**
         * DiscountPolicy
         * @description Discount as a percentage of the quote's list total.
         */
        "DiscountPolicy-Output": {
            /**
             * Consultant Percent
             * @default 3
             */
            consultant_percent: string;
            /**
             * Manager Percent
             * @default 8
             */
            manager_percent: string;
        };
        /** EvaluationCreate */
        EvaluationCreate: {
            /**
             * Answers
             * @description Question code → the code of the chosen answer
             */
            answers: {
                [key: string]: string;
            };
            /**
             * Questionnaire Id
             * Format: uuid
             */
            questionnaire_id: string;
        };
        /** EvaluationPublic */
        EvaluationPublic: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Max Score */
            max_score: number;
            /**
             * Questionnaire Id
             * Format: uuid
             */
            questionnaire_id: string;
            /** Score */
            score: number;
        };
        /** Forecast */
        Forecast: {
            /**
             * Date From
             * Format: date
             */
            date_from: string;
            /**
             * Date To
             * Format: date
             */
            date_to: string;
            group_by: components["schemas"]["Grouping"] | null;
            /**
             * Groups
             * @description A row per group asked (group_by): more than 1,000 are refused
             */
            groups: components["schemas"]["ForecastGroup"][];
            period: components["schemas"]["Granularity"];
            /** Periods */
            periods: components["schemas"]["ForecastPeriod"][];
        };
        /** ForecastGroup */
        ForecastGroup: {
            /** Group */
            group: string | null;
            /** Periods */
            periods: components["schemas"]["ForecastPeriod"][];
        };
        /** ForecastPeriod */
        ForecastPeriod: {
            /**
             * Collected Amount
             * @description Collected of those planned collections
             */
            collected_amount: string;
            /**
             * Expected Amount
             * @description won_amount + weighted_amount
             */
            expected_amount: string;
            /**
             * Open Count
             * @description Open opportunities expected to close in the period
             */
            open_count: number;
            /**
             * Period Start
             * Format: date
             * @description First day of the month or ISO week
             */
            period_start: string;
            /** Pipeline Amount */
            pipeline_amount: string;
            /**
             * Planned Amount
             * @description Planned collections due in the period
             */
            planned_amount: string;
            /**
             * Weighted Amount
             * @description Sum of amount times the stage's win probability
             */
            weighted_amount: string;
            /** Won Amount */
            won_amount: string;
            /**
             * Won Count
             * @description Opportunities won (closed) in the period
             */
            won_count: number;
        };
        /** Funnel */
        Funnel: {
            /**
             * Date From
             * Format: date
             */
            date_from: string;
            /**
             * Date To
             * Format: date
             */
            date_to: string;
            group_by: components["schemas"]["Grouping"] | null;
            /**
             * Groups
             * @description A row per group asked (group_by): more than 1,000 are refused
             */
            groups: components["schemas"]["FunnelGroup"][];
            /**
             * Stages
             * @description The funnel's stages, top to bottom
             */
            stages: components["schemas"]["StageName"][];
            total: components["schemas"]["FunnelFigures"];
        };
        /** FunnelFigures */
        FunnelFigures: {
            /** Amount */
            amount: string;
            /** Created */
            created: number;
            /** Lost */
            lost: number;
            /** Lost Amount */
            lost_amount: string;
            /** Open */
            open: number;
            /** Open Amount */
            open_amount: string;
            /** Stages */
            stages: components["schemas"]["FunnelStep"][];
            /** Won */
            won: number;
            /** Won Amount */
            won_amount: string;
        };
        /** FunnelGroup */
        FunnelGroup: {
            /** Amount */
            amount: string;
            /** Created */
            created: number;
            /**
             * Group
             * @description Consultant, team, dealer or region id
             */
            group: string | null;
            /** Lost */
            lost: number;
            /** Lost Amount */
            lost_amount: string;
            /** Open */
            open: number;
            /** Open Amount */
            open_amount: string;
            /** Stages */
            stages: components["schemas"]["FunnelStep"][];
            /** Won */
            won: number;
            /** Won Amount */
            won_amount: string;
        };
        /** FunnelStep */
        FunnelStep: {
            /** Code */
            code: string;
            /**
             * Conversion Rate
             * @description converted / reached
             */
            conversion_rate: number | null;
            /**
             * Converted
             * @description Of those that reached the stage, how many reached the next one
             */
            converted: number | null;
            /**
             * Open
             * @description Opportunities open in the stage now
             */
            open: number;
            /** Open Amount */
            open_amount: string;
            /**
             * Reached
             * @description Opportunities that entered the stage
             */
            reached: number;
        };
        /**
         * Granularity
         * @enum {string}
         */
        Granularity: "month" | "week";
        /**
         * Grouping
         * @description Whose figures a report row holds.
         * @enum {string}
         */
        Grouping: "consultant" | "team" | "dealer" | "region";
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** Letterhead */
        Letterhead: {
            /** Address */
            address?: string | null;
            /**
             * Name
             * @description The dealer's name as printed
             */
            name: string;
            /** Phone */
            phone?: string | null;
        };
        /**
         * LineKind
         * @enum {string}
         */
        LineKind: "vehicle" | "accessory" | "extended_warranty" | "insurance" | "finance" | "trade_in_credit" | "fee";
        /** LossReport */
        LossReport: {
            /** Competitor */
            competitor?: string | null;
            /** Competitor Model */
            competitor_model?: string | null;
            /** Reason */
            reason: string;
        };
        /** LostReason */
        LostReason: {
            /** Count */
            count: number;
            /** Reason */
            reason: string | null;
        };
        /** ModelIn */
        "ModelIn-Input": {
            /** Code */
            code: string;
            /** Name */
            name: string;
            /** Product Line */
            product_line: string;
            /** Trims */
            trims: components["schemas"]["TrimIn-Input"][];
        };
        /** ModelIn */
        "ModelIn-Output": {
            /** Code */
            code: string;
            /** Name */
            name: string;
            /** Product Line */
            product_line: string;
            /** Trims */
            trims: components["schemas"]["TrimIn-Output"][];
        };
        /** OpportunityCreate */
        OpportunityCreate: {
            /**
             * Amount
             * @default 0
             */
            amount: number | string;
            /** Customer Name */
            customer_name: string;
            /** Expected Close On */
            expected_close_on?: string | null;
            /** Model Code */
            model_code?: string | null;
            /** Phone */
            phone?: string | null;
            /** Vehicle Interest */
            vehicle_interest?: string | null;
        };
        /** OpportunityDetail */
        OpportunityDetail: {
            /**
             * Activities
             * @description Kinds of activity recorded, alphabetically, the first 100
             */
            activities: string[];
            /**
             * Activities Truncated
             * @description More kinds were recorded than activities shows
             */
            activities_truncated: boolean;
            /** Amount */
            amount: string;
            /** Closed At */
            closed_at: string | null;
            /** Competitor */
            competitor: string | null;
            /** Competitor Model */
            competitor_model: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Currency */
            currency: string;
            /** Customer Id */
            customer_id: string | null;
            /**
             * Customer Name
             * @description Masked unless the caller may see it in full
             */
            customer_name: string;
            /** Evaluation Max Score */
            evaluation_max_score: number | null;
            /**
             * Evaluation Score
             * @description Score of the latest evaluation
             */
            evaluation_score: number | null;
            /** Expected Close On */
            expected_close_on: string | null;
            /**
             * History
             * @description The latest 200 stage moves, oldest first
             */
            history: components["schemas"]["StageHistoryEntry"][];
            /**
             * History Truncated
             * @description Older stage moves were left out of history
             */
            history_truncated: boolean;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Lead Id */
            lead_id: string | null;
            /** Lead Origin */
            lead_origin: string;
            /** Lost Reason */
            lost_reason: string | null;
            /** Model Code */
            model_code: string | null;
            /** Owner Org */
            owner_org: string;
            /** Owner Team */
            owner_team: string;
            /** Owner User */
            owner_user: string;
            /**
             * Phone
             * @description Masked unless the caller may see it in full
             */
            phone: string | null;
            /**
             * Pipeline Id
             * Format: uuid
             */
            pipeline_id: string;
            /** Probability */
            probability: number;
            /** Stage */
            stage: string;
            /**
             * Stage Entered At
             * Format: date-time
             */
            stage_entered_at: string;
            /** Status */
            status: string;
            /** Vehicle Interest */
            vehicle_interest: string | null;
        };
        /** OpportunityPublic */
        OpportunityPublic: {
            /** Amount */
            amount: string;
            /** Closed At */
            closed_at: string | null;
            /** Competitor */
            competitor: string | null;
            /** Competitor Model */
            competitor_model: string | null;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Currency */
            currency: string;
            /** Customer Id */
            customer_id: string | null;
            /**
             * Customer Name
             * @description Masked unless the caller may see it in full
             */
            customer_name: string;
            /** Evaluation Max Score */
            evaluation_max_score: number | null;
            /**
             * Evaluation Score
             * @description Score of the latest evaluation
             */
            evaluation_score: number | null;
            /** Expected Close On */
            expected_close_on: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Lead Id */
            lead_id: string | null;
            /** Lead Origin */
            lead_origin: string;
            /** Lost Reason */
            lost_reason: string | null;
            /** Model Code */
            model_code: string | null;
            /** Owner Org */
            owner_org: string;
            /** Owner Team */
            owner_team: string;
            /** Owner User */
            owner_user: string;
            /**
             * Phone
             * @description Masked unless the caller may see it in full
             */
            phone: string | null;
            /**
             * Pipeline Id
             * Format: uuid
             */
            pipeline_id: string;
            /** Probability */
            probability: number;
            /** Stage */
            stage: string;
            /**
             * Stage Entered At
             * Format: date-time
             */
            stage_entered_at: string;
            /** Status */
            status: string;
            /** Vehicle Interest */
            vehicle_interest: string | null;
        };
        /**
         * OrderApplicationPublic
         * @description What the dealer sees of an order's applications.
         */
        OrderApplicationPublic: {
            /** Amount */
            amount: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Description */
            description: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "finance" | "insurance";
            /** Note */
            note: string | null;
            /** Order Id */
            order_id: string | null;
            /** Partner Id */
            partner_id: string;
            /** Product Code */
            product_code: string;
            /**
             * Quote Id
             * Format: uuid
             */
            quote_id: string;
            status: components["schemas"]["ApplicationStatus"];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /** Updated By */
            updated_by: string;
        };
        /**
         * OrderFacts
         * @description How far the order is, so the partner knows when to pay out or start the policy.
         */
        OrderFacts: {
            /** Cancelled */
            cancelled: boolean;
            next_step: components["schemas"]["Step"] | null;
            process: components["schemas"]["OrderProcess"];
            /** Steps Done */
            steps_done: string[];
        };
        /**
         * OrderProcess
         * @enum {string}
         */
        OrderProcess: "deposit_first" | "payment_first";
        /** OrderPublic */
        OrderPublic: {
            /** Cancel Reason */
            cancel_reason: string | null;
            /** Cancelled At */
            cancelled_at: string | null;
            /** Delivered On */
            delivered_on: string | null;
            /** Deposit */
            deposit: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            next_step: components["schemas"]["Step"] | null;
            /**
             * Opportunity Id
             * Format: uuid
             */
            opportunity_id: string;
            /** Owner User */
            owner_user: string;
            process: components["schemas"]["OrderProcess"];
            /**
             * Quote Id
             * Format: uuid
             */
            quote_id: string;
            /** Refunded At */
            refunded_at: string | null;
            /** Steps Done */
            steps_done: string[];
            /** Total */
            total: string;
            /** Vin */
            vin: string | null;
        };
        /** OrderStep */
        OrderStep: {
            /** Amount */
            amount?: number | string | null;
            step: components["schemas"]["Step"];
            /** Vin */
            vin?: string | null;
        };
        /**
         * PartnerApplicationPublic
         * @description What the partner sees: its product on the dealer's quote and order; the customer's name
         *     and phone masked unless the dealer agreed to share them in full.
         */
        PartnerApplicationPublic: {
            /** Amount */
            amount: string;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Customer Name */
            customer_name: string;
            /** Dealer Id */
            dealer_id: string;
            /** Description */
            description: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Kind
             * @enum {string}
             */
            kind: "finance" | "insurance";
            /** Note */
            note: string | null;
            order: components["schemas"]["OrderFacts"] | null;
            /** Order Id */
            order_id: string | null;
            /** Phone */
            phone: string | null;
            /** Product Code */
            product_code: string;
            /**
             * Quote Id
             * Format: uuid
             */
            quote_id: string;
            /** Quote Total */
            quote_total: string;
            status: components["schemas"]["ApplicationStatus"];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
            /**
             * Vehicle
             * @description The quote's vehicle line
             */
            vehicle: string | null;
        };
        /** PipelineBoard */
        PipelineBoard: {
            /** Name */
            name: string;
            /** Owner Org */
            owner_org: string;
            /**
             * Pipeline Id
             * Format: uuid
             */
            pipeline_id: string;
            /**
             * Stages
             * @description Left to right, in the pipeline's order
             */
            stages: components["schemas"]["BoardStage"][];
        };
        /** PipelineCreate */
        PipelineCreate: {
            /** Name */
            name: string;
            /** Stages */
            stages: components["schemas"]["Stage"][];
        };
        /** PipelinePublic */
        PipelinePublic: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Is Default */
            is_default: boolean;
            /**
             * Is Template
             * @description Published by HQ or a region for its dealers to adopt
             */
            is_template: boolean;
            /** Name */
            name: string;
            /** Owner Org */
            owner_org: string;
            /** Stages */
            stages: components["schemas"]["StagePublic"][];
        };
        /** PricedItemPublic */
        PricedItemPublic: {
            /** Code */
            code: string;
            /** Cost */
            cost: string;
            /** Kind */
            kind: string;
            /** Msrp */
            msrp: string;
            /** Name */
            name: string;
            /** Price */
            price: string;
        };
        /** PricedThing */
        "PricedThing-Input": {
            /** Code */
            code: string;
            /**
             * Invoice Price
             * @description What the dealer pays the OEM
             */
            invoice_price: number | string;
            /** Msrp */
            msrp: number | string;
            /** Name */
            name: string;
        };
        /** PricedThing */
        "PricedThing-Output": {
            /** Code */
            code: string;
            /**
             * Invoice Price
             * @description What the dealer pays the OEM
             */
            invoice_price: string;
            /** Msrp */
            msrp: string;
            /** Name */
            name: string;
        };
        /** ProblemPublic */
        ProblemPublic: {
            /** Field */
            field: string;
            /** Message */
            message: string;
        };
        /** Question */
        Question: {
            /** Code */
            code: string;
            /** Options */
            options: components["schemas"]["AnswerOption"][];
            /** Text */
            text: string;
            /**
             * Weight
             * @description Points of the answer are multiplied
             * @default 1
             */
            weight: number;
        };
        /** QuestionnaireCreate */
        QuestionnaireCreate: {
            /** Name */
            name: string;
            /** Questions */
            questions: components["schemas"]["Question"][];
        };
        /** QuestionnairePublic */
        QuestionnairePublic: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Max Score */
            max_score: number;
            /** Name */
            name: string;
            /** Owner Org */
            owner_org: string;
            /** Questions */
            questions: components["schemas"]["Question"][];
        };
        /** QuoteCreate */
        QuoteCreate: {
            /** @description Priced by the configurator with the dealer's prices into the vehicle line and accessory lines, ahead of `lines` */
            configuration?: components["schemas"]["ConfigurationIn"] | null;
            /**
             * Extra Discount
             * @default 0
             */
            extra_discount: number | string;
            /** Lines */
            lines?: components["schemas"]["QuoteLineIn-Input"][];
            /**
             * Template Id
             * @description The dealer's template to start from: its configuration (unless this body has one) and lines come first
             */
            template_id?: string | null;
        };
        /** QuoteLineIn */
        "QuoteLineIn-Input": {
            /**
             * Code
             * @description Model, accessory or product code
             */
            code: string;
            /**
             * Cost
             * @default 0
             */
            cost: number | string;
            /** Description */
            description: string;
            kind: components["schemas"]["LineKind"];
            /**
             * List Price
             * @description MSRP or list price
             */
            list_price: number | string;
            /**
             * Partner Id
             * @description The partner whose insurance or finance it is
             */
            partner_id?: string | null;
            /**
             * Price
             * @description What the customer pays
             */
            price: number | string;
        };
        /** QuoteLineIn */
        "QuoteLineIn-Output": {
            /**
             * Code
             * @description Model, accessory or product code
             */
            code: string;
            /**
             * Cost
             * @default 0
             */
            cost: string;
            /** Description */
            description: string;
            kind: components["schemas"]["LineKind"];
            /**
             * List Price
             * @description MSRP or list price
             */
            list_price: string;
            /**
             * Partner Id
             * @description The partner whose insurance or finance it is
             */
            partner_id?: string | null;
            /**
             * Price
             * @description What the customer pays
             */
            price: string;
        };
        /** QuotePublic */
        QuotePublic: {
            /** Accepted At */
            accepted_at: string | null;
            approver_needed: components["schemas"]["Approver"] | null;
            /** Decided By */
            decided_by: string | null;
            /** Discount */
            discount: string;
            /** Discount Percent */
            discount_percent: string;
            /** Extra Discount */
            extra_discount: string;
            /** Gross Margin */
            gross_margin: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Issued At */
            issued_at: string | null;
            /** Lines */
            lines: components["schemas"]["QuoteLineIn-Output"][];
            /** List Total */
            list_total: string;
            /**
             * Opportunity Id
             * Format: uuid
             */
            opportunity_id: string;
            /** Order Id */
            order_id: string | null;
            status: components["schemas"]["QuoteStatus"];
            /** Total */
            total: string;
            /** Version */
            version: number;
        };
        /**
         * QuoteStatus
         * @enum {string}
         */
        QuoteStatus: "draft" | "pending_approval" | "issued" | "rejected" | "accepted";
        /** QuoteTemplateCreate */
        QuoteTemplateCreate: {
            configuration?: components["schemas"]["ConfigurationIn"] | null;
            /**
             * Extra Discount
             * @default 0
             */
            extra_discount: number | string;
            /** Lines */
            lines?: components["schemas"]["QuoteLineIn-Input"][];
            /** Name */
            name: string;
        };
        /** QuoteTemplatePublic */
        QuoteTemplatePublic: {
            configuration: components["schemas"]["ConfigurationIn"] | null;
            /** Extra Discount */
            extra_discount: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Lines */
            lines: components["schemas"]["QuoteLineIn-Output"][];
            /** Name */
            name: string;
        };
        /** Reassignment */
        Reassignment: {
            /** To User */
            to_user: string;
        };
        /** Recorded */
        Recorded: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
        };
        /**
         * ReportFormat
         * @enum {string}
         */
        ReportFormat: "json" | "csv" | "xlsx";
        /** RuleIn */
        RuleIn: {
            /**
             * Kind
             * @enum {string}
             */
            kind: "requires" | "excludes";
            /** Message */
            message?: string | null;
            /** Option */
            option: string;
            /** Others */
            others: string[];
        };
        /** SalesSettings */
        "SalesSettings-Input": {
            /**
             * @default {
             *       "consultant_percent": "3",
             *       "manager_percent": "8"
             *     }
             */
            discount_policy: components["schemas"]["DiscountPolicy-Input"];
            /** @description Printed on quotes; the dealer's id when not set */
            letterhead?: components["schemas"]["Letterhead"] | null;
            /** @default deposit_first */
            order_process: components["schemas"]["OrderProcess"];
            /**
             * Quote Valid Days
             * @default 7
             */
            quote_valid_days: number;
        };
        /** SalesSettings */
        "SalesSettings-Output": {
            /**
             * @default {
             *       "consultant_percent": "3",
             *       "manager_percent": "8"
             *     }
             */
            discount_policy: components["schemas"]["DiscountPolicy-Output"];
            /** @description Printed on quotes; the dealer's id when not set */
            letterhead?: components["schemas"]["Letterhead"] | null;
            /** @default deposit_first */
            order_process: components["schemas"]["OrderProcess"];
            /**
             * Quote Valid Days
             * @default 7
             */
            quote_valid_days: number;
        };
        /** Stage */
        Stage: {
            /** Code */
            code: string;
            /** Name */
            name: string;
            /**
             * Probability
             * @description Win probability at this stage, %
             */
            probability: number;
            /**
             * Required Activities
             * @description Activity kinds recorded before an opportunity may reach it
             * @default []
             */
            required_activities: string[];
            /**
             * Rot Days
             * @description Days in this stage after which it is stale
             */
            rot_days?: number | null;
        };
        /** StageHistoryEntry */
        StageHistoryEntry: {
            /**
             * Changed At
             * Format: date-time
             */
            changed_at: string;
            /** Changed By */
            changed_by: string;
            /** From Stage */
            from_stage: string | null;
            /** To Stage */
            to_stage: string;
        };
        /** StageMove */
        StageMove: {
            /** Stage */
            stage: string;
        };
        /** StageName */
        StageName: {
            /** Code */
            code: string;
            /** Name */
            name: string;
        };
        /** StagePublic */
        StagePublic: {
            /** Code */
            code: string;
            /** Name */
            name: string;
            /** Probability */
            probability: number;
            /** Required Activities */
            required_activities: string[];
            /** Rot Days */
            rot_days: number | null;
        };
        /** StaleOpportunity */
        StaleOpportunity: {
            /** Amount */
            amount: string;
            /** Currency */
            currency: string;
            /**
             * Customer Name
             * @description Masked unless the caller may see the customer's data in full
             */
            customer_name: string;
            /** Days In Stage */
            days_in_stage: number;
            /** Expected Close On */
            expected_close_on: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Owner Org */
            owner_org: string;
            /** Owner Team */
            owner_team: string;
            /** Owner User */
            owner_user: string;
            /**
             * Pipeline Id
             * Format: uuid
             */
            pipeline_id: string;
            /** Probability */
            probability: number;
            /** Rot Days */
            rot_days: number;
            /** Stage */
            stage: string;
            /**
             * Stage Entered At
             * Format: date-time
             */
            stage_entered_at: string;
            /** Stage Name */
            stage_name: string | null;
            /** Vehicle Interest */
            vehicle_interest: string | null;
        };
        /** StatusChange */
        StatusChange: {
            /**
             * Note
             * @description e.g. why it was declined
             */
            note?: string | null;
            status: components["schemas"]["ApplicationStatus"];
        };
        /**
         * Step
         * @enum {string}
         */
        Step: "deposit_paid" | "ordered" | "delivered" | "paid";
        /** TestDriveCreate */
        TestDriveCreate: {
            /** Ended At */
            ended_at?: string | null;
            /** Feedback */
            feedback?: string | null;
            /**
             * Licence Checked
             * @description The driving licence was seen and is valid
             */
            licence_checked: boolean;
            /** Licence Number */
            licence_number: string;
            /** Model Code */
            model_code: string;
            /** Rating */
            rating?: number | null;
            /**
             * Started At
             * Format: date-time
             */
            started_at: string;
            /** Vehicle Vin */
            vehicle_vin?: string | null;
        };
        /** TradeInCreate */
        TradeInCreate: {
            /** Appraised Value */
            appraised_value: number | string;
            /** Make */
            make: string;
            /** Mileage Km */
            mileage_km: number;
            /** Model */
            model: string;
            /** Vin */
            vin?: string | null;
            /** Year */
            year: number;
        };
        /** TrimIn */
        "TrimIn-Input": {
            /** Code */
            code: string;
            /** Colours */
            colours: components["schemas"]["PricedThing-Input"][];
            /**
             * Invoice Price
             * @description What the dealer pays the OEM
             */
            invoice_price: number | string;
            /** Msrp */
            msrp: number | string;
            /** Name */
            name: string;
            /** Options */
            options?: components["schemas"]["PricedThing-Input"][];
            /**
             * Standard Options
             * @description Option codes included in the trim
             */
            standard_options?: string[];
        };
        /** TrimIn */
        "TrimIn-Output": {
            /** Code */
            code: string;
            /** Colours */
            colours: components["schemas"]["PricedThing-Output"][];
            /**
             * Invoice Price
             * @description What the dealer pays the OEM
             */
            invoice_price: string;
            /** Msrp */
            msrp: string;
            /** Name */
            name: string;
            /** Options */
            options?: components["schemas"]["PricedThing-Output"][];
            /**
             * Standard Options
             * @description Option codes included in the trim
             */
            standard_options?: string[];
        };
        /** ValidationError */
        ValidationError: {
            /** Context */
            ctx?: Record<string, never>;
            /** Input */
            input?: unknown;
            /** Location */
            loc: (string | number)[];
            /** Message */
            msg: string;
            /** Error Type */
            type: string;
        };
        /** WinLoss */
        WinLoss: {
            /**
             * Date From
             * Format: date
             */
            date_from: string;
            /**
             * Date To
             * Format: date
             */
            date_to: string;
            group_by: components["schemas"]["Grouping"] | null;
            /**
             * Groups
             * @description A row per group asked (group_by): more than 1,000 are refused
             */
            groups: components["schemas"]["WinLossGroup"][];
            total: components["schemas"]["WinLossFigures"];
        };
        /** WinLossFigures */
        WinLossFigures: {
            /**
             * Competitors
             * @description The 100 most frequent first
             */
            competitors: components["schemas"]["Competitor"][];
            /**
             * Competitors Truncated
             * @description Losses named more competitors than listed (lost counts all): ask for a shorter period or group by a narrower level for fewer
             */
            competitors_truncated: boolean;
            /** Lost */
            lost: number;
            /** Lost Amount */
            lost_amount: string;
            /**
             * Lost Reasons
             * @description The 50 most frequent first
             */
            lost_reasons: components["schemas"]["LostReason"][];
            /**
             * Lost Reasons Truncated
             * @description Losses gave more reasons than listed (lost counts all): ask for a shorter period or group by a narrower level for fewer
             */
            lost_reasons_truncated: boolean;
            /**
             * Win Rate
             * @description won / (won + lost); None when nothing closed
             */
            win_rate: number | null;
            /** Won */
            won: number;
            /** Won Amount */
            won_amount: string;
        };
        /** WinLossGroup */
        WinLossGroup: {
            /**
             * Competitors
             * @description The 100 most frequent first
             */
            competitors: components["schemas"]["Competitor"][];
            /**
             * Competitors Truncated
             * @description Losses named more competitors than listed (lost counts all): ask for a shorter period or group by a narrower level for fewer
             */
            competitors_truncated: boolean;
            /** Group */
            group: string | null;
            /** Lost */
            lost: number;
            /** Lost Amount */
            lost_amount: string;
            /**
             * Lost Reasons
             * @description The 50 most frequent first
             */
            lost_reasons: components["schemas"]["LostReason"][];
            /**
             * Lost Reasons Truncated
             * @description Losses gave more reasons than listed (lost counts all): ask for a shorter period or group by a narrower level for fewer
             */
            lost_reasons_truncated: boolean;
            /**
             * Win Rate
             * @description won / (won + lost); None when nothing closed
             */
            win_rate: number | null;
            /** Won */
            won: number;
            /** Won Amount */
            won_amount: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    read_catalog_catalog_get: {
        parameters: {
            query?: {
                version?: number | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No catalogue (of that version) has been published */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    configure_catalog_configurations_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfigurationIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ConfiguredPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No catalogue (of that version) has been published */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_dealer_pricing_catalog_dealer_pricing_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealerPricingPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    set_dealer_pricing_catalog_dealer_pricing_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DealerPricingIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealerPricingPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No catalogue (of that version) has been published */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    publish_catalog_catalog_publications_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CatalogIn"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks catalog.publish */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_competitors_competitors_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                /** @description Also the retired ones */
                retired?: boolean;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitorPublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    add_competitor_competitors_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompetitorCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitorPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Listed already, or the opportunity is closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    change_competitor_competitors__competitor_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                competitor_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompetitorUpdate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitorPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Nothing of that id the caller may act on */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Listed already, or the opportunity is closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    healthz_healthz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: string;
                    };
                };
            };
        };
    };
    list_opportunities_opportunities_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                owner_user?: string | null;
                stage?: string | null;
                status?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpportunityPublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks opportunity.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    open_opportunity_opportunities_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpportunityCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpportunityPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks opportunity.work */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_opportunity_opportunities__opportunity_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpportunityDetail"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such opportunity visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    record_activity_opportunities__opportunity_id__activities_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ActivityCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recorded"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such opportunity visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Closed, or a stage gate is not met (the detail says which) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    co_sellers_opportunities__opportunity_id__co_sellers_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoSeller"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such opportunity visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    competitors_in_play_opportunities__opportunity_id__competitors_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitorsInPlayPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Nothing of that id the caller may act on */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    record_competitors_in_play_opportunities__opportunity_id__competitors_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CompetitorsInPlay"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitorsInPlayPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Nothing of that id the caller may act on */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Listed already, or the opportunity is closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    credit_split_opportunities__opportunity_id__credit_split_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditSplitView"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such opportunity visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    propose_credit_split_opportunities__opportunity_id__credit_split_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreditSplitProposal"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditSplitView"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such opportunity visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Closed, or a stage gate is not met (the detail says which) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    decide_credit_split_opportunities__opportunity_id__credit_split_decision_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreditSplitDecision"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreditSplitView"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such opportunity visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Closed, or a stage gate is not met (the detail says which) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    evaluate_opportunity_opportunities__opportunity_id__evaluations_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EvaluationCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks opportunity.work */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such opportunity or questionnaire visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The opportunity is closed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    report_lost_opportunities__opportunity_id__loss_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LossReport"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpportunityDetail"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such opportunity visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Closed, or a stage gate is not met (the detail says which) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_quote_versions_opportunities__opportunity_id__quotes_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotePublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Its state does not allow it (the detail says why) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    draft_quote_opportunities__opportunity_id__quotes_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuoteCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotePublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Its state does not allow it (the detail says why) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    reassign_opportunities__opportunity_id__reassignment_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Reassignment"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpportunityDetail"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such opportunity visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Closed, or a stage gate is not met (the detail says which) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    move_to_stage_opportunities__opportunity_id__stage_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StageMove"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpportunityDetail"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such opportunity visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Closed, or a stage gate is not met (the detail says which) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    record_test_drive_opportunities__opportunity_id__test_drives_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TestDriveCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recorded"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such opportunity visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Closed, or a stage gate is not met (the detail says which) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    appraise_trade_in_opportunities__opportunity_id__trade_ins_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                opportunity_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TradeInCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recorded"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such opportunity visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Closed, or a stage gate is not met (the detail says which) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    pipeline_board_opportunities_board_get: {
        parameters: {
            query?: {
                /** @description Cards shown per stage */
                cards?: number;
                /** @description Default: the caller's dealer's default pipeline */
                pipeline_id?: string | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PipelineBoard"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks opportunity.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such pipeline visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_order_orders__order_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Its state does not allow it (the detail says why) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_order_applications_orders__order_id__applications_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderApplicationPublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such application (or order) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    cancel_order_orders__order_id__cancellation_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Cancellation"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Its state does not allow it (the detail says why) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    refund_deposit_orders__order_id__refund_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Its state does not allow it (the detail says why) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    complete_step_orders__order_id__steps_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                order_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OrderStep"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Its state does not allow it (the detail says why) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_partner_applications_partner_applications_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                status?: components["schemas"]["ApplicationStatus"] | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerApplicationPublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such application (or order) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_partner_application_partner_applications__application_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerApplicationPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such application (or order) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    update_application_status_partner_applications__application_id__status_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                application_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StatusChange"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerApplicationPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such application (or order) visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The status does not allow the move (approval is final) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_pipelines_pipelines_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PipelinePublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks opportunity.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    define_pipeline_pipelines_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PipelineCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recorded"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks pipeline.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    adopt_pipeline_template_pipelines__pipeline_id__adoption_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pipeline_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Recorded"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks pipeline.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such template of the dealer's region or HQ */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_questionnaires_questionnaires_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuestionnairePublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks opportunity.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    define_questionnaire_questionnaires_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuestionnaireCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuestionnairePublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks pipeline.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    list_quote_templates_quote_templates_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuoteTemplatePublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks opportunity.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    define_quote_template_quote_templates_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuoteTemplateCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuoteTemplatePublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks catalog.manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    get_quote_quotes__quote_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                quote_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotePublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Its state does not allow it (the detail says why) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    accept_quote_quotes__quote_id__acceptance_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                quote_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OrderPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Its state does not allow it (the detail says why) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    decide_quote_quotes__quote_id__approval_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                quote_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ApprovalDecision"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotePublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Its state does not allow it (the detail says why) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    print_quote_quotes__quote_id__document_get: {
        parameters: {
            query?: {
                format?: "html" | "pdf";
            };
            header?: never;
            path: {
                quote_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The printable quote */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/pdf": unknown;
                    "text/html": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Its state does not allow it (the detail says why) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    issue_quote_quotes__quote_id__issue_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                quote_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["QuotePublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Its state does not allow it (the detail says why) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    readyz_readyz_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description A dependency is unreachable */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    competition_report_reports_competitors_get: {
        parameters: {
            query: {
                /** @description json, or csv/xlsx for a file of the same figures */
                format?: components["schemas"]["ReportFormat"];
                /** @description First business day, inclusive */
                from: string;
                /** @description Last business day, inclusive; at most a year later */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON, CSV or XLSX */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CompetitionReport"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    "text/csv": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    forecast_report_reports_forecast_get: {
        parameters: {
            query: {
                /** @description json, or csv/xlsx for a file of the same figures */
                format?: components["schemas"]["ReportFormat"];
                /** @description First business day, inclusive */
                from: string;
                /** @description Rows per consultant, team, dealer or region */
                group_by?: components["schemas"]["Grouping"] | null;
                /** @description Buckets: calendar months or ISO weeks */
                period?: components["schemas"]["Granularity"];
                /** @description Last business day, inclusive; at most a year later */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON, CSV or XLSX */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Forecast"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    "text/csv": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks opportunity.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    funnel_report_reports_funnel_get: {
        parameters: {
            query: {
                /** @description json, or csv/xlsx for a file of the same figures */
                format?: components["schemas"]["ReportFormat"];
                /** @description First business day, inclusive */
                from: string;
                /** @description Rows per consultant, team, dealer or region */
                group_by?: components["schemas"]["Grouping"] | null;
                /** @description Last business day, inclusive; at most a year later */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON, CSV or XLSX */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Funnel"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    "text/csv": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks opportunity.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    stale_report_reports_stale_get: {
        parameters: {
            query?: {
                /** @description json, or csv/xlsx for a file of the same figures */
                format?: components["schemas"]["ReportFormat"];
                limit?: number;
                offset?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON, CSV or XLSX */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StaleOpportunity"][];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    "text/csv": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks opportunity.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    win_loss_report_reports_win_loss_get: {
        parameters: {
            query: {
                /** @description json, or csv/xlsx for a file of the same figures */
                format?: components["schemas"]["ReportFormat"];
                /** @description First business day, inclusive */
                from: string;
                /** @description Rows per consultant, team, dealer or region */
                group_by?: components["schemas"]["Grouping"] | null;
                /** @description Last business day, inclusive; at most a year later */
                to: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON, CSV or XLSX */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WinLoss"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": unknown;
                    "text/csv": unknown;
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks opportunity.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
    read_sales_settings_sales_settings_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SalesSettings-Output"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks opportunity.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    set_sales_settings_sales_settings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SalesSettings-Input"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SalesSettings-Output"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks sales.configure */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request body is over the size limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
        };
    };
}
