// Generated from docs/openapi by `npm run generate`: never edit by hand.
export interface paths {
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
    "/kpi/assessment-forms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List Forms */
        get: operations["list_forms_kpi_assessment_forms_get"];
        put?: never;
        /**
         * Create Form
         * @description A scoring form of the sales planning department (HQ) for consultants or region
         *     managers: criteria with weights summing to 100.
         */
        post: operations["create_form_kpi_assessment_forms_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/assessments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Assessments
         * @description HQ's reviewers see every assessment; a scorer those they scored; a person their own
         *     once final.
         */
        get: operations["list_assessments_kpi_assessments_get"];
        put?: never;
        /**
         * Score
         * @description Score a consultant of the caller's region (a region manager) or a region manager (the
         *     sales planning department) on a form for a month; a score the review returned is scored
         *     again here by the same scorer.
         */
        post: operations["score_kpi_assessments_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/assessments/{assessment_id}/review": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Review
         * @description The sales VP (role ``sales_vp``) approves or returns a fresh score; then HR (role
         *     ``hr``), someone else, approves it (final) or returns it. The other step's reviewer gets
         *     403.
         */
        post: operations["review_kpi_assessments__assessment_id__review_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/catalogue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Catalogue
         * @description The predefined KPIs (with why those not available cannot be computed yet) and the custom
         *     definitions the caller owns or that are shared with them.
         */
        get: operations["catalogue_kpi_catalogue_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/commission/estimate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Estimate
         * @description What one unit of an open quote would add to the calling consultant's month, under the plan
         *     version in force today and in their attainment band so far.
         */
        get: operations["estimate_kpi_commission_estimate_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/commission/plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Plans
         * @description The plans (all versions) of the dealers whose records the caller may read, by dealer,
         *     a page at a time.
         */
        get: operations["list_plans_kpi_commission_plans_get"];
        put?: never;
        /**
         * Create Plan
         * @description A dealer's commission plan with its first version (one plan per dealer).
         */
        post: operations["create_plan_kpi_commission_plans_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/commission/plans/{plan_id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Add Plan Version */
        post: operations["add_plan_version_kpi_commission_plans__plan_id__versions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/commission/runs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Run Commission
         * @description Computes the dealer's month: replaces its statements not yet issued (their review starts
         *     again); refused once one of them is issued.
         */
        post: operations["run_commission_kpi_commission_runs_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/commission/statements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Statements
         * @description A consultant sees their own statement; managers their dealer's; HQ and regions get the
         *     totals per dealer (and statements only of dealers sharing their KPI records in full).
         *     ``limit`` and ``offset`` page both lists.
         */
        get: operations["list_statements_kpi_commission_statements_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/commission/statements/{statement_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Statement
         * @description The statement with its lines, each citing its deal and the plan rule behind it.
         */
        get: operations["read_statement_kpi_commission_statements__statement_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/commission/statements/{statement_id}/acknowledgement": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge
         * @description The consultant it pays agrees with the statement.
         */
        post: operations["acknowledge_kpi_commission_statements__statement_id__acknowledgement_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/commission/statements/{statement_id}/approval": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve
         * @description The sales manager approves an acknowledged (or disputed, after looking into it) statement.
         */
        post: operations["approve_kpi_commission_statements__statement_id__approval_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/commission/statements/{statement_id}/dispute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dispute
         * @description The consultant it pays disputes it, saying what is wrong.
         */
        post: operations["dispute_kpi_commission_statements__statement_id__dispute_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/commission/statements/{statement_id}/issue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue
         * @description Finance issues an approved statement (publishes CommissionStatementIssued).
         */
        post: operations["issue_kpi_commission_statements__statement_id__issue_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/definitions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Define Kpi
         * @description A custom KPI: a module, conditions over its whitelisted fields, a count, sum or ratio,
         *     a period and a grouping; shared with roles (within the owner's dealer), org nodes (and
         *     everyone below them) or users. Each viewer sees its values over the facts they may see.
         */
        post: operations["define_kpi_kpi_definitions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/definitions/{definition_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Delete Definition
         * @description Only the owner deletes a definition; to anyone else it does not exist.
         */
        delete: operations["delete_definition_kpi_definitions__definition_id__delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/definitions/{definition_id}/values": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Definition Values
         * @description A custom KPI's values over the facts the caller may see.
         */
        get: operations["definition_values_kpi_definitions__definition_id__values_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/expenses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Expenses
         * @description The expenses the caller may see, newest day first: a dealer's own; another dealer's
         *     where it shares KPI records (masked or full) with the OEM.
         */
        get: operations["list_expenses_kpi_expenses_get"];
        put?: never;
        /**
         * Enter Expense
         * @description Record a sales expense of the caller's book (their dealer's, or their own node's above
         *     dealers), counted by the ``sales_expense`` KPI on its day.
         */
        post: operations["enter_expense_kpi_expenses_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/leaderboards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Ranking Of The Month
         * @description Consultants of a dealer (``dealer_id``) or dealers (without it) ranked by units won,
         *     revenue or gross margin in the month, net of cancelled orders. A consultant sees their own
         *     dealer's board limited to their team and themselves; the OEM sees the dealers that share
         *     figures with it; a region manager the dealers of the region. Consultants come with their
         *     display names: colleagues' names on a board the reader may see are staff data, not a
         *     customer's, so they need no ``user.read``.
         */
        get: operations["ranking_of_the_month_kpi_leaderboards_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/leads/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lead Counts Per Dealer And Day
         * @description Leads created, claimed, released, followed up, upgraded, converted and lost per dealer
         *     and business day (the daily sales-meeting figures), limited to what the caller may see.
         */
        get: operations["lead_counts_per_dealer_and_day_kpi_leads_daily_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/reports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Generated Reports
         * @description The daily, weekly and monthly sales meeting reports the worker generated when each
         *     period ended, for the dealers the caller may see figures of; newest first, a page at a
         *     time.
         */
        get: operations["generated_reports_kpi_reports_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/reports/{report_id}/file": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Generated Report File */
        get: operations["generated_report_file_kpi_reports__report_id__file_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/reports/sales-meeting": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sales Meeting Figures
         * @description Receptions, callbacks, test drives, claims, intent assessments, upgrades, conversions,
         *     losses and units won per consultant: what the morning meeting goes through. A consultant
         *     gets their own line; managers their dealer's; HQ and regions the dealers sharing figures.
         */
        get: operations["sales_meeting_figures_kpi_reports_sales_meeting_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/sales/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Sales Per Dealer And Day
         * @description Deals won (units, revenue, gross margin), lost, delivered and cancelled per dealer (or
         *     region, or in total) and business day, limited to what the caller may see (other dealers'
         *     at the aggregate level). HQ's year per dealer is ~70,000 rows: ask per region or in total.
         */
        get: operations["sales_per_dealer_and_day_kpi_sales_daily_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/targets/{month}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Cascade
         * @description The node's target and its children's (nodes one level down and consultants at it):
         *     allocated, unallocated, actual, attainment and run-rate forecast. A caller sees its node
         *     and what lies below; a consultant their node's figures and their own leaf.
         */
        get: operations["read_cascade_kpi_targets__month__get"];
        /**
         * Set Targets
         * @description Sets (or replaces) targets of the month for org nodes below the caller's: HQ its regions
         *     (and itself), a region its dealers, a dealer its teams and consultants. Answers the cascade
         *     of the caller's node for each measure and product line set.
         */
        put: operations["set_targets_kpi_targets__month__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/targets/{month}/daily": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read Daily
         * @description Execution by period: the month's target split into days, each day's actual and the
         *     attainment of the month so far.
         */
        get: operations["read_daily_kpi_targets__month__daily_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/targets/consultants/{user_id}/{month}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set Consultant Target
         * @description The units a consultant should sell in the month: the basis of commission attainment.
         *     Without one, the plan's no-target band applies.
         */
        put: operations["set_consultant_target_kpi_targets_consultants__user_id___month__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/kpi/values/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Predefined Values
         * @description A predefined KPI per period (and dealer, team or consultant), over the facts the caller
         *     may see: other dealers' at the aggregate level, a consultant's own.
         */
        get: operations["predefined_values_kpi_values__code__get"];
        put?: never;
        post?: never;
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
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** AssessmentPublic */
        AssessmentPublic: {
            /** Comment */
            comment: string | null;
            /**
             * Form Id
             * Format: uuid
             */
            form_id: string;
            /** Hr */
            hr: string | null;
            /** Hr Note */
            hr_note: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Owner Org */
            owner_org: string;
            /** Period */
            period: string;
            /**
             * Scored At
             * Format: date-time
             */
            scored_at: string;
            /** Scored By */
            scored_by: string;
            /** Scores */
            scores: {
                [key: string]: number;
            };
            status: components["schemas"]["crm_kpi__domain__assessments__Status"];
            /** Subject User */
            subject_user: string;
            /**
             * Total
             * @description Weighted, out of 100
             */
            total: string;
            /** Vp */
            vp: string | null;
            /** Vp Note */
            vp_note: string | null;
        };
        /**
         * AttainmentBand
         * @description Applies from ``from_percent`` of attainment up to the next band's start.
         */
        "AttainmentBand-Input": {
            /**
             * From Exclusive
             * @description True: attainment must be above from_percent, not equal
             * @default false
             */
            from_exclusive: boolean;
            /** From Percent */
            from_percent: number | string;
            /** Multiplier */
            multiplier: number | string;
            /** Name */
            name: string;
        };
        /**
         * AttainmentBand
         * @description Applies from ``from_percent`` of attainment up to the next band's start.
         */
        "AttainmentBand-Output": {
            /**
             * From Exclusive
             * @description True: attainment must be above from_percent, not equal
             * @default false
             */
            from_exclusive: boolean;
            /** From Percent */
            from_percent: string;
            /** Multiplier */
            multiplier: string;
            /** Name */
            name: string;
        };
        /** CascadeLinePublic */
        CascadeLinePublic: {
            /**
             * Actual
             * @description Net of cancellations (units, revenue, gross margin) or money collected
             */
            actual: string;
            /**
             * Allocated
             * @description What the children's targets add up to (none below a consultant)
             */
            allocated: string | null;
            /**
             * Attainment Percent
             * @description 达成率: actual / target, in %
             */
            attainment_percent: string | null;
            /**
             * Forecast
             * @description Run-rate: actual / days elapsed x days of the month (a finished month: its actual; a month not started: none)
             */
            forecast: string | null;
            /** Node */
            node: string;
            /** Target */
            target: string | null;
            /**
             * Unallocated
             * @description Target minus allocated: negative when the children were given more
             */
            unallocated: string | null;
            /**
             * User Id
             * @description Set on a consultant's leaf
             */
            user_id: string | null;
        };
        /** CascadePublic */
        CascadePublic: {
            /**
             * Children
             * @description Nodes one level down, then consultants at the node: the first 1,000
             */
            children: components["schemas"]["CascadeLinePublic"][];
            /**
             * Children Truncated
             * @description More children than listed (the node's line counts them all): ask for a node lower down (node)
             */
            children_truncated: boolean;
            measure: components["schemas"]["Measure"];
            /** Month */
            month: string;
            node: components["schemas"]["CascadeLinePublic"];
            /** Product Line */
            product_line: string;
            /**
             * Today
             * Format: date
             * @description The business day the run-rate counts to
             */
            today: string;
        };
        /** Catalogue */
        Catalogue: {
            /**
             * Custom
             * @description Definitions the caller owns or sees: the newest 500, oldest first
             */
            custom: components["schemas"]["DefinitionPublic"][];
            /**
             * Custom Truncated
             * @description Older definitions were left out of custom: delete those no longer used
             */
            custom_truncated: boolean;
            /**
             * Modules
             * @description What a custom definition may count or sum, and by what (the builder's choices)
             */
            modules: components["schemas"]["ModulePublic"][];
            /** Predefined */
            predefined: components["schemas"]["PredefinedPublic"][];
        };
        /** Condition */
        Condition: {
            /** Field */
            field: string;
            operator: components["schemas"]["Operator"];
            /**
             * Value
             * @description A list for in and not_in
             */
            value: boolean | number | string | (boolean | number | string)[];
        };
        /** ConsultantLine */
        ConsultantLine: {
            /**
             * Callbacks
             * @description Calls recorded (回访)
             */
            callbacks: number;
            /**
             * Claimed
             * @description Leads taken from the pool
             */
            claimed: number;
            /** Consultant */
            consultant: string;
            /**
             * Conversion Rate
             * @description Conversions per reception and callback
             */
            conversion_rate: number | null;
            /** Converted */
            converted: number;
            /** Dealer Id */
            dealer_id: string;
            /**
             * Graded
             * @description Assessments per intent grade (意向/潜在 counts)
             */
            graded: {
                [key: string]: number;
            };
            /** Lost */
            lost: number;
            /**
             * Receptions
             * @description Showroom visits recorded (接待)
             */
            receptions: number;
            /**
             * Team
             * @description The team the consultant works in; None: the dealer
             */
            team: string | null;
            /** Test Drives */
            test_drives: number;
            /**
             * Upgraded
             * @description Follow-ups that raised the grade
             */
            upgraded: number;
            /** Won Units */
            won_units: number;
        };
        /** Count */
        Count: {
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "count";
        };
        /** Created */
        Created: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
        };
        /** Criterion */
        Criterion: {
            /** Code */
            code: string;
            /** Text */
            text: string;
            /**
             * Weight
             * @description Share of the total, %; a form's sum to 100
             */
            weight: number;
        };
        /**
         * Status
         * @enum {string}
         */
        crm_kpi__domain__assessments__Status: "scored" | "vp_approved" | "final" | "returned";
        /**
         * Status
         * @enum {string}
         */
        crm_kpi__domain__commission__Status: "draft" | "acknowledged" | "disputed" | "approved" | "issued";
        /** DailyLeadCount */
        DailyLeadCount: {
            /**
             * Claimed
             * @default 0
             */
            claimed: number;
            /**
             * Converted
             * @default 0
             */
            converted: number;
            /**
             * Day
             * Format: date
             */
            day: string;
            /** Dealer Id */
            dealer_id: string;
            /**
             * Distributed
             * @description Leads HQ or a region sent to the dealer
             * @default 0
             */
            distributed: number;
            /**
             * Followed Up
             * @default 0
             */
            followed_up: number;
            /**
             * Leads
             * @description Leads created
             */
            leads: number;
            /**
             * Lost
             * @default 0
             */
            lost: number;
            /**
             * Released
             * @default 0
             */
            released: number;
            /**
             * Returned
             * @description Distributed leads that went back up
             * @default 0
             */
            returned: number;
            /**
             * Upgraded
             * @description Follow-ups that raised the intent grade
             * @default 0
             */
            upgraded: number;
        };
        /** DailyLeadCounts */
        DailyLeadCounts: {
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
            /**
             * Rows
             * @description A row per dealer and day: more than 20,000 are refused
             */
            rows: components["schemas"]["DailyLeadCount"][];
            /** Total */
            total: number;
        };
        /** DailyPublic */
        DailyPublic: {
            /** Days */
            days: components["schemas"]["DayPublic"][];
            measure: components["schemas"]["Measure"];
            /** Month */
            month: string;
            /** Node */
            node: string;
            /** Product Line */
            product_line: string;
            /** Target */
            target: string | null;
            /** User Id */
            user_id: string | null;
        };
        /** DailySales */
        DailySales: {
            /** Cancelled Gross Margin */
            cancelled_gross_margin: string;
            /** Cancelled Revenue */
            cancelled_revenue: string;
            /**
             * Cancelled Units
             * @description Won deals whose order was cancelled this day
             */
            cancelled_units: number;
            /**
             * Day
             * Format: date
             */
            day: string;
            /**
             * Dealer Id
             * @description The dealer (per=dealer), else null
             */
            dealer_id: string | null;
            /**
             * Delivered
             * @description Vehicles handed over
             */
            delivered: number;
            /** Gross Margin */
            gross_margin: string;
            /**
             * Lost
             * @description Opportunities lost (战败)
             */
            lost: number;
            /**
             * Net Units
             * @description won_units minus cancelled_units
             */
            net_units: number;
            /**
             * Region Id
             * @description The node the dealers hang from (per=region), else null
             */
            region_id?: string | null;
            /**
             * Revenue
             * @description Effective revenue of the deals won
             */
            revenue: string;
            /**
             * Won Units
             * @description Vehicles sold: deals won (orders signed)
             */
            won_units: number;
        };
        /** DailySalesFigures */
        DailySalesFigures: {
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
            /**
             * Net Revenue
             * @description Revenue won minus revenue of cancelled orders
             */
            net_revenue: string;
            /** Net Units */
            net_units: number;
            /**
             * Rows
             * @description A row per dealer (region) and day: more than 20,000 are refused
             */
            rows: components["schemas"]["DailySales"][];
            /** Won Units */
            won_units: number;
        };
        /** DayPublic */
        DayPublic: {
            /** Actual */
            actual: string;
            /** Actual So Far */
            actual_so_far: string;
            /**
             * Attainment Percent
             * @description Of the month so far, in %
             */
            attainment_percent: string | null;
            /**
             * Day
             * Format: date
             */
            day: string;
            /** Target */
            target: string | null;
            /** Target So Far */
            target_so_far: string | null;
        };
        /** DealerRunPublic */
        DealerRunPublic: {
            /** Dealer Id */
            dealer_id: string;
            /** Lines */
            lines: number;
            /**
             * Run Id
             * Format: uuid
             */
            run_id: string;
            /** Statements */
            statements: number;
            /** Total */
            total: string;
        };
        /** DealerTotal */
        DealerTotal: {
            /** Dealer Id */
            dealer_id: string;
            /** Issued Total */
            issued_total: string;
            /** Statements */
            statements: number;
            /** Total */
            total: string;
        };
        /**
         * DefinitionCreate
         * @description Ownership and tenancy come from the token: unknown fields are refused (422).
         */
        DefinitionCreate: {
            definition: components["schemas"]["KpiDefinition"];
            /** Name */
            name: string;
            /**
             * Shared Nodes
             * @description Org nodes: everyone at or below them
             */
            shared_nodes?: string[];
            /** Shared Roles */
            shared_roles?: string[];
            /** Shared Users */
            shared_users?: string[];
        };
        /** DefinitionPublic */
        DefinitionPublic: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            definition: components["schemas"]["KpiDefinition"];
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /**
             * Owner Org
             * @description The owner's dealer: how far a share to a role reaches
             */
            owner_org: string;
            /** Owner User */
            owner_user: string;
            /** Shared Nodes */
            shared_nodes: string[];
            /** Shared Roles */
            shared_roles: string[];
            /** Shared Users */
            shared_users: string[];
        };
        /** Dispute */
        Dispute: {
            /** Note */
            note: string;
        };
        /** EstimateLine */
        EstimateLine: {
            /** Amount */
            amount: string;
            kind: components["schemas"]["LineKind"];
            /** Rule */
            rule: string;
        };
        /** EstimatePublic */
        EstimatePublic: {
            /** Attainment Percent */
            attainment_percent: string | null;
            /** Band */
            band: string;
            /** Lines */
            lines: components["schemas"]["EstimateLine"][];
            /**
             * Plan Id
             * Format: uuid
             */
            plan_id: string;
            /** Plan Version */
            plan_version: number;
            /** Target Units */
            target_units: number | null;
            /** Total */
            total: string;
            /** Units This Month */
            units_this_month: string;
        };
        /**
         * ExpenseCategory
         * @enum {string}
         */
        ExpenseCategory: "advertising" | "event" | "showroom" | "training" | "travel" | "gifts" | "other";
        /** ExpenseCreate */
        ExpenseCreate: {
            /**
             * Amount
             * @example 12800.00
             */
            amount: number | string;
            category: components["schemas"]["ExpenseCategory"];
            /**
             * Consultant
             * @description The consultant it was spent for, if any
             */
            consultant?: string | null;
            /**
             * Day
             * Format: date
             * @description The business day it was spent
             */
            day: string;
            /** Note */
            note?: string | null;
        };
        /** ExpensePublic */
        ExpensePublic: {
            /** Amount */
            amount: string;
            /** Category */
            category: string;
            /** Consultant */
            consultant: string | null;
            /**
             * Day
             * Format: date
             */
            day: string;
            /** Dealer Id */
            dealer_id: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Note */
            note: string | null;
            /** Owner Org */
            owner_org: string;
            /**
             * Recorded At
             * Format: date-time
             */
            recorded_at: string;
            /** Recorded By */
            recorded_by: string;
        };
        /** ExpenseRecorded */
        ExpenseRecorded: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
        };
        /**
         * FieldKind
         * @enum {string}
         */
        FieldKind: "text" | "flag" | "number";
        /** FieldPublic */
        FieldPublic: {
            /** @description text: eq/ne/in/not_in; flag: eq/ne with true or false; number: also gte/lte, and summable */
            kind: components["schemas"]["FieldKind"];
            /** Name */
            name: string;
        };
        /**
         * Figure
         * @description One side of a ratio: its own module, conditions and count or sum.
         */
        Figure: {
            /** Conditions */
            conditions?: components["schemas"]["Condition"][];
            /** Measure */
            measure: components["schemas"]["Count"] | components["schemas"]["Sum"];
            module: components["schemas"]["Module"];
        };
        /** FormContent */
        FormContent: {
            /** Criteria */
            criteria: components["schemas"]["Criterion"][];
            /** Name */
            name: string;
            tier: components["schemas"]["Tier"];
        };
        /** FormPublic */
        FormPublic: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string;
            /** Criteria */
            criteria: components["schemas"]["Criterion"][];
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            tier: components["schemas"]["Tier"];
        };
        /** GeneratedReport */
        GeneratedReport: {
            /** Dealer Id */
            dealer_id: string;
            /**
             * Generated At
             * Format: date-time
             */
            generated_at: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            kind: components["schemas"]["ReportKind"];
            /**
             * Lines
             * @description Consultant lines in the report
             */
            lines: number;
            /**
             * Period End
             * Format: date
             */
            period_end: string;
            /**
             * Period Start
             * Format: date
             */
            period_start: string;
        };
        /**
         * Grouping
         * @enum {string}
         */
        Grouping: "none" | "dealer" | "team" | "consultant";
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /**
         * KpiDefinition
         * @description What a KPI measures: a count or sum of one module's facts matching the conditions, or
         *     the ratio of two such figures; per period, and per dealer, team or consultant if asked.
         */
        KpiDefinition: {
            /** Conditions */
            conditions?: components["schemas"]["Condition"][];
            /** @default none */
            group_by: components["schemas"]["Grouping"];
            /** Measure */
            measure: components["schemas"]["Count"] | components["schemas"]["Sum"] | components["schemas"]["Ratio"];
            /** @description Required unless a ratio */
            module?: components["schemas"]["Module"] | null;
            /** @default month */
            period: components["schemas"]["Period"];
        };
        /** KpiValuePublic */
        KpiValuePublic: {
            /**
             * Denominator
             * @description A ratio's denominator (a target for plan completion); a growth's figure of the previous period
             */
            denominator: string | null;
            /**
             * Group
             * @description Dealer, team or consultant; null when not grouped
             */
            group: string | null;
            /**
             * Numerator
             * @description A ratio's numerator; a growth's figure of this period
             */
            numerator: string | null;
            /**
             * Period Start
             * Format: date
             */
            period_start: string;
            /**
             * Value
             * @description Null: nothing to divide by
             */
            value: string | null;
        };
        /** KpiValues */
        KpiValues: {
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
            group_by: components["schemas"]["Grouping"];
            /**
             * Kpi
             * @description Code of a predefined KPI or id of a definition
             */
            kpi: string;
            /** Name */
            name: string;
            period: components["schemas"]["Period"];
            /**
             * Rows
             * @description A row per group and period: more than 10,000 are refused
             */
            rows: components["schemas"]["KpiValuePublic"][];
        };
        /** Leaderboard */
        Leaderboard: {
            /**
             * Dealer Id
             * @description The dealer whose consultants rank, or * for dealers
             */
            dealer_id: string;
            /**
             * Entries
             * @description The best 1,000, best first
             */
            entries: components["schemas"]["LeaderboardEntry"][];
            /**
             * Entries Truncated
             * @description More were ranked than entries shows: ask for one dealer's consultants (dealer_id) for fewer
             */
            entries_truncated: boolean;
            metric: components["schemas"]["Metric"];
            /** Month */
            month: string;
        };
        /** LeaderboardEntry */
        LeaderboardEntry: {
            /**
             * Member
             * @description Consultant (user id) or dealer (org node)
             */
            member: string;
            /**
             * Name
             * @description The consultant's display name; None on the board of dealers and for a consultant whose name kpi has not learnt yet (identity.UserChanged version 2)
             */
            name?: string | null;
            /**
             * Rank
             * @description 1 is the best; equal scores share a rank
             */
            rank: number;
            /** Score */
            score: string;
            /**
             * Team
             * @description The consultant's team node
             */
            team?: string | null;
        };
        /**
         * LineKind
         * @enum {string}
         */
        LineKind: "per_unit" | "gross_margin" | "accelerator" | "finance_bonus" | "insurance_bonus" | "clawback";
        /** LinePublic */
        LinePublic: {
            /**
             * Amount
             * @description Rounded to cents, ROUND_HALF_UP, on its own
             */
            amount: string;
            /**
             * Basis
             * @description Units, gross margin, base amount or 1 deal
             */
            basis: string;
            /**
             * Clawback Of
             * @description Clawbacks: the statement whose line (same order and rule) is undone
             */
            clawback_of: string | null;
            /**
             * Deal Day
             * Format: date
             */
            deal_day: string;
            kind: components["schemas"]["LineKind"];
            /**
             * Opportunity Id
             * Format: uuid
             */
            opportunity_id: string;
            /**
             * Order Id
             * Format: uuid
             */
            order_id: string;
            /** Origin Rate */
            origin_rate: string;
            /**
             * Plan Id
             * Format: uuid
             */
            plan_id: string;
            /** Plan Version */
            plan_version: number;
            /** Rate */
            rate: string;
            /**
             * Rule
             * @description The plan version's rule that produced the amount
             */
            rule: string;
            /** Share Percent */
            share_percent: string;
        };
        /**
         * Measure
         * @description What a target counts: vehicles sold, effective revenue, money collected, gross margin.
         * @enum {string}
         */
        Measure: "units" | "revenue" | "collections" | "gross_margin";
        /**
         * Metric
         * @enum {string}
         */
        Metric: "units" | "revenue" | "gross_margin";
        /**
         * Module
         * @description The facts a KPI counts or sums.
         * @enum {string}
         */
        Module: "leads" | "lead_activities" | "deals" | "sales" | "collections" | "tickets" | "surveys" | "expenses" | "calls" | "call_tasks";
        /** ModulePublic */
        ModulePublic: {
            /**
             * Fields
             * @description The only fields a definition may name
             */
            fields: components["schemas"]["FieldPublic"][];
            /**
             * Groupings
             * @description The groupings its facts allow
             */
            groupings: components["schemas"]["Grouping"][];
            module: components["schemas"]["Module"];
        };
        /**
         * Operator
         * @enum {string}
         */
        Operator: "eq" | "ne" | "in" | "not_in" | "gte" | "lte";
        /**
         * Period
         * @enum {string}
         */
        Period: "day" | "week" | "month";
        /** PlanCreate */
        PlanCreate: {
            /**
             * Currency
             * @default CNY
             */
            currency: string;
            /**
             * Dealer Id
             * @description The dealer; the caller's own if left out
             */
            dealer_id?: string | null;
            /**
             * Effective From
             * Format: date
             */
            effective_from: string;
            /** Name */
            name: string;
            rules: components["schemas"]["PlanRules-Input"];
        };
        /** PlanPublic */
        PlanPublic: {
            /** Currency */
            currency: string;
            /** Dealer Id */
            dealer_id: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /**
             * Versions
             * @description Oldest first; a plan keeps 240 at most (more are refused)
             */
            versions: components["schemas"]["PlanVersionPublic"][];
        };
        /**
         * PlanRules
         * @description The rules of one plan version, stored as JSONB and validated on the way in.
         */
        "PlanRules-Input": {
            /**
             * Bands
             * @description Ascending; the first starts at 0 (inclusive)
             */
            bands?: components["schemas"]["AttainmentBand-Input"][];
            /**
             * Default Per Unit
             * @description For models not listed
             * @default 0
             */
            default_per_unit: number | string;
            /**
             * Finance Bonus
             * @description Per deal, finance attached
             * @default 0
             */
            finance_bonus: number | string;
            /**
             * Gross Margin Percent
             * @default 0
             */
            gross_margin_percent: number | string;
            /**
             * Insurance Bonus
             * @description Per deal, insured
             * @default 0
             */
            insurance_bonus: number | string;
            /**
             * No Target Multiplier
             * @description Band multiplier when the month has no target
             * @default 1
             */
            no_target_multiplier: number | string;
            /**
             * Origin Rates
             * @description Multiplier of the unit and margin amounts by lead origin (1 if absent)
             */
            origin_rates?: {
                [key: string]: number | string;
            };
            /**
             * Per Unit
             * @description Amount per unit sold, by model code
             */
            per_unit?: {
                [key: string]: number | string;
            };
        };
        /**
         * PlanRules
         * @description The rules of one plan version, stored as JSONB and validated on the way in.
         */
        "PlanRules-Output": {
            /**
             * Bands
             * @description Ascending; the first starts at 0 (inclusive)
             */
            bands?: components["schemas"]["AttainmentBand-Output"][];
            /**
             * Default Per Unit
             * @description For models not listed
             * @default 0
             */
            default_per_unit: string;
            /**
             * Finance Bonus
             * @description Per deal, finance attached
             * @default 0
             */
            finance_bonus: string;
            /**
             * Gross Margin Percent
             * @default 0
             */
            gross_margin_percent: string;
            /**
             * Insurance Bonus
             * @description Per deal, insured
             * @default 0
             */
            insurance_bonus: string;
            /**
             * No Target Multiplier
             * @description Band multiplier when the month has no target
             * @default 1
             */
            no_target_multiplier: string;
            /**
             * Origin Rates
             * @description Multiplier of the unit and margin amounts by lead origin (1 if absent)
             */
            origin_rates?: {
                [key: string]: string;
            };
            /**
             * Per Unit
             * @description Amount per unit sold, by model code
             */
            per_unit?: {
                [key: string]: string;
            };
        };
        /** PlanVersionCreate */
        PlanVersionCreate: {
            /**
             * Effective From
             * Format: date
             * @description After the latest version's start; it ends the day before
             */
            effective_from: string;
            rules: components["schemas"]["PlanRules-Input"];
        };
        /** PlanVersionPublic */
        PlanVersionPublic: {
            /**
             * Effective From
             * Format: date
             */
            effective_from: string;
            /** Effective To */
            effective_to: string | null;
            rules: components["schemas"]["PlanRules-Output"];
            /** Version */
            version: number;
        };
        /** PredefinedPublic */
        PredefinedPublic: {
            /** Available */
            available: boolean;
            /** Code */
            code: string;
            /** @description Default grouping */
            group_by: components["schemas"]["Grouping"] | null;
            /** Name En */
            name_en: string;
            /** Name Zh */
            name_zh: string;
            /** @description Default period */
            period: components["schemas"]["Period"] | null;
            /**
             * Reason
             * @description Why it cannot be computed yet
             */
            reason: string | null;
        };
        /** Ratio */
        Ratio: {
            denominator: components["schemas"]["Figure"];
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "ratio";
            numerator: components["schemas"]["Figure"];
        };
        /**
         * ReportFormat
         * @enum {string}
         */
        ReportFormat: "json" | "csv" | "xlsx";
        /**
         * ReportKind
         * @enum {string}
         */
        ReportKind: "daily" | "weekly" | "monthly";
        /** ReviewCreate */
        ReviewCreate: {
            /** Approve */
            approve: boolean;
            /** Note */
            note?: string | null;
            step: components["schemas"]["Step"];
        };
        /** Reviewed */
        Reviewed: {
            status: components["schemas"]["crm_kpi__domain__assessments__Status"];
        };
        /** ReviewPublic */
        ReviewPublic: {
            /**
             * Id
             * Format: uuid
             */
            id: string;
            status: components["schemas"]["crm_kpi__domain__commission__Status"];
        };
        /** RunCreate */
        RunCreate: {
            /** Dealer Id */
            dealer_id?: string | null;
            /**
             * Month
             * @description YYYY-MM
             */
            month: string;
        };
        /**
         * SalesGrouping
         * @description What the daily sales figures are summed per, besides the day.
         * @enum {string}
         */
        SalesGrouping: "dealer" | "region" | "total";
        /** SalesMeeting */
        SalesMeeting: {
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
            /** Lines */
            lines: components["schemas"]["ConsultantLine"][];
            /**
             * Subtotals
             * @description Each team's lines summed, then each dealer's (all its consultants): a team and a dealer per line at most
             */
            subtotals: components["schemas"]["SubtotalLine"][];
        };
        /** ScoreCreate */
        ScoreCreate: {
            /** Comment */
            comment?: string | null;
            /**
             * Form Id
             * Format: uuid
             */
            form_id: string;
            /**
             * Period
             * @example 2026-11
             */
            period: string;
            /**
             * Scores
             * @description Each criterion's code: 0-100
             */
            scores: {
                [key: string]: number;
            };
            /** Subject User */
            subject_user: string;
        };
        /** StatementPublic */
        StatementPublic: {
            /** Attainment Percent */
            attainment_percent: string | null;
            /**
             * Computed At
             * Format: date-time
             */
            computed_at: string;
            /** Currency */
            currency: string;
            /** Dealer Id */
            dealer_id: string;
            /** Dispute Note */
            dispute_note: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Lines */
            lines: number;
            /** Month */
            month: string;
            status: components["schemas"]["crm_kpi__domain__commission__Status"];
            /** Target Units */
            target_units: number | null;
            /** Team */
            team: string | null;
            /** Total */
            total: string;
            /** Units */
            units: string;
            /** User Id */
            user_id: string;
        };
        /**
         * Statements
         * @description A page of the month's statements and a page of its totals per dealer: ``limit`` and
         *     ``offset`` page both lists (HQ's month holds every consultant of the tenant); a list
         *     shorter than ``limit`` is the last of its kind.
         */
        Statements: {
            /**
             * Dealers
             * @description Totals per dealer, including dealers shared only at the aggregate level
             */
            dealers: components["schemas"]["DealerTotal"][];
            /** Month */
            month: string;
            /**
             * Statements
             * @description Statements the caller may read in full (a consultant: their own), by dealer and consultant
             */
            statements: components["schemas"]["StatementPublic"][];
        };
        /** StatementWithLines */
        StatementWithLines: {
            /** Attainment Percent */
            attainment_percent: string | null;
            /**
             * Computed At
             * Format: date-time
             */
            computed_at: string;
            /** Currency */
            currency: string;
            /** Dealer Id */
            dealer_id: string;
            /** Dispute Note */
            dispute_note: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Items
             * @description The first 1,000 lines in their order; ``lines`` counts them all
             */
            items: components["schemas"]["LinePublic"][];
            /** Lines */
            lines: number;
            /** Month */
            month: string;
            status: components["schemas"]["crm_kpi__domain__commission__Status"];
            /** Target Units */
            target_units: number | null;
            /** Team */
            team: string | null;
            /** Total */
            total: string;
            /** Units */
            units: string;
            /** User Id */
            user_id: string;
        };
        /**
         * Step
         * @enum {string}
         */
        Step: "vp" | "hr";
        /** SubtotalLine */
        SubtotalLine: {
            /** Consultants */
            consultants: number;
            /** Conversion Rate */
            conversion_rate: number | null;
            /**
             * Counts
             * @description receptions, callbacks, test_drives, claimed, upgraded, converted, lost, won_units summed
             */
            counts: {
                [key: string]: number;
            };
            /** Dealer Id */
            dealer_id: string;
            /** Graded */
            graded: {
                [key: string]: number;
            };
            /**
             * Level
             * @enum {string}
             */
            level: "team" | "dealer";
            /**
             * Node
             * @description The team, or the dealer (department)
             */
            node: string;
        };
        /** Sum */
        Sum: {
            /**
             * Field
             * @description A number field of the module
             */
            field: string;
            /**
             * @description discriminator enum property added by openapi-typescript
             * @enum {string}
             */
            kind: "sum";
        };
        /** TargetItem */
        TargetItem: {
            /**
             * Amount
             * @description Whole units for units
             */
            amount: number | string;
            measure: components["schemas"]["Measure"];
            /**
             * Node
             * @description The org node the target is for
             */
            node: string;
            /**
             * Product Line
             * @description '*': all lines
             * @default *
             */
            product_line: string;
            /**
             * User Id
             * @description A consultant working at the node (their leaf of the cascade); the units target of product line '*' is what commission's attainment tiers read
             */
            user_id?: string | null;
        };
        /** TargetPublic */
        TargetPublic: {
            /** Dealer Id */
            dealer_id: string;
            /** Month */
            month: string;
            /** Units */
            units: number;
            /** User Id */
            user_id: string;
        };
        /** TargetSet */
        TargetSet: {
            /** Dealer Id */
            dealer_id?: string | null;
            /**
             * Units
             * @description Units to sell in the month
             */
            units: number;
        };
        /**
         * TargetsSet
         * @description Tenancy and ownership come from the token: unknown fields are refused (422).
         */
        TargetsSet: {
            /** Targets */
            targets: components["schemas"]["TargetItem"][];
        };
        /**
         * Tier
         * @enum {string}
         */
        Tier: "consultant" | "region_manager";
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
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
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
    list_forms_kpi_assessment_forms_get: {
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
                    "application/json": components["schemas"]["FormPublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function, or does not take this step */
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
    create_form_kpi_assessment_forms_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FormContent"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Created"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function, or does not take this step */
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
    list_assessments_kpi_assessments_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
                period?: string | null;
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
                    "application/json": components["schemas"]["AssessmentPublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function, or does not take this step */
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
    score_kpi_assessments_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScoreCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Created"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function, or does not take this step */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such form, assessment or person the caller scores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Out of the review's order, already scored, or a reviewer who took part */
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
    review_kpi_assessments__assessment_id__review_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                assessment_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReviewCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Reviewed"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks the function, or does not take this step */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such form, assessment or person the caller scores */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Out of the review's order, already scored, or a reviewer who took part */
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
    catalogue_kpi_catalogue_get: {
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
                    "application/json": components["schemas"]["Catalogue"];
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
    estimate_kpi_commission_estimate_get: {
        parameters: {
            query: {
                finance_attached?: boolean;
                gross_margin: number | string;
                insurance_attached?: boolean;
                lead_origin?: string | null;
                model_code?: string | null;
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
                    "application/json": components["schemas"]["EstimatePublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No plan in force */
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
    list_plans_kpi_commission_plans_get: {
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
                    "application/json": components["schemas"]["PlanPublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
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
    create_plan_kpi_commission_plans_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlanCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The dealer has a plan already */
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
    add_plan_version_kpi_commission_plans__plan_id__versions_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                plan_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PlanVersionCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlanVersionPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Must start after the latest version; or the plan keeps 240 versions already */
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
    run_commission_kpi_commission_runs_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RunCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DealerRunPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No plan, or the month has issued statements */
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
    list_statements_kpi_commission_statements_get: {
        parameters: {
            query: {
                limit?: number;
                /** @description YYYY-MM */
                month: string;
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
                    "application/json": components["schemas"]["Statements"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
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
    read_statement_kpi_commission_statements__statement_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                statement_id: string;
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
                    "application/json": components["schemas"]["StatementWithLines"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record the caller may see */
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
    acknowledge_kpi_commission_statements__statement_id__acknowledgement_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                statement_id: string;
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
                    "application/json": components["schemas"]["ReviewPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not at the step this action belongs to */
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
    approve_kpi_commission_statements__statement_id__approval_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                statement_id: string;
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
                    "application/json": components["schemas"]["ReviewPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not at the step this action belongs to */
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
    dispute_kpi_commission_statements__statement_id__dispute_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                statement_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Dispute"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not at the step this action belongs to */
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
    issue_kpi_commission_statements__statement_id__issue_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                statement_id: string;
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
                    "application/json": components["schemas"]["ReviewPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record the caller may see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not at the step this action belongs to */
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
    define_kpi_kpi_definitions_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DefinitionCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DefinitionPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
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
    delete_definition_kpi_definitions__definition_id__delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                definition_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Successful Response */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such definition of the caller's */
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
    definition_values_kpi_definitions__definition_id__values_get: {
        parameters: {
            query: {
                /** @description First business day, inclusive */
                from: string;
                /** @description Last business day, inclusive (2 years max) */
                to: string;
            };
            header?: never;
            path: {
                definition_id: string;
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
                    "application/json": components["schemas"]["KpiValues"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such definition the caller may see */
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
    list_expenses_kpi_expenses_get: {
        parameters: {
            query: {
                /** @description First day, inclusive */
                from: string;
                limit?: number;
                offset?: number;
                /** @description Last day, inclusive (2 years max) */
                to: string;
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
                    "application/json": components["schemas"]["ExpensePublic"][];
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
    enter_expense_kpi_expenses_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExpenseCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExpenseRecorded"];
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
    ranking_of_the_month_kpi_leaderboards_get: {
        parameters: {
            query: {
                dealer_id?: string | null;
                metric?: components["schemas"]["Metric"];
                /** @description YYYY-MM */
                month: string;
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
                    "application/json": components["schemas"]["Leaderboard"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks kpi.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such board visible to the caller */
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
    lead_counts_per_dealer_and_day_kpi_leads_daily_get: {
        parameters: {
            query: {
                dealer_id?: string | null;
                /** @description First business day, inclusive */
                from: string;
                /** @description Last business day, inclusive */
                to: string;
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
                    "application/json": components["schemas"]["DailyLeadCounts"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks kpi.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description dealer_id names a dealer the caller may not see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A bad range, or more than 20,000 rows */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    generated_reports_kpi_reports_get: {
        parameters: {
            query?: {
                kind?: components["schemas"]["ReportKind"] | null;
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
                    "application/json": components["schemas"]["GeneratedReport"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks kpi.read */
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
    generated_report_file_kpi_reports__report_id__file_get: {
        parameters: {
            query?: {
                format?: "csv" | "xlsx";
            };
            header?: never;
            path: {
                report_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report's file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
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
            /** @description The role lacks kpi.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such report visible to the caller */
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
    sales_meeting_figures_kpi_reports_sales_meeting_get: {
        parameters: {
            query: {
                dealer_id?: string | null;
                format?: components["schemas"]["ReportFormat"];
                /** @description First business day, inclusive */
                from: string;
                /** @description Last business day, inclusive */
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
                    "application/json": components["schemas"]["SalesMeeting"];
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
            /** @description The role lacks kpi.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description dealer_id names a dealer the caller may not see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A bad range, or more consultant lines than one answer carries (10000): ask per dealer or for fewer days */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    sales_per_dealer_and_day_kpi_sales_daily_get: {
        parameters: {
            query: {
                dealer_id?: string | null;
                /** @description First business day, inclusive */
                from: string;
                /** @description Rows per dealer, per region (the node above the dealers) or in total */
                per?: components["schemas"]["SalesGrouping"];
                /** @description Last business day, inclusive */
                to: string;
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
                    "application/json": components["schemas"]["DailySalesFigures"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The role lacks kpi.read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description dealer_id names a dealer the caller may not see */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A bad range, or more than 20,000 rows */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    read_cascade_kpi_targets__month__get: {
        parameters: {
            query?: {
                measure?: components["schemas"]["Measure"];
                /** @description An org node; the caller's own if left out */
                node?: string | null;
                /** @description '*': all lines */
                product_line?: string;
            };
            header?: never;
            path: {
                /** @description YYYY-MM */
                month: string;
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
                    "application/json": components["schemas"]["CascadePublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such org node the caller may see */
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
    set_targets_kpi_targets__month__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description YYYY-MM */
                month: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TargetsSet"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CascadePublic"][];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record, or one the caller may not see */
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
            /** @description A target for a node not below the caller's, or invalid */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    read_daily_kpi_targets__month__daily_get: {
        parameters: {
            query?: {
                /** @description A consultant's leaf at the node */
                consultant?: string | null;
                measure?: components["schemas"]["Measure"];
                /** @description An org node; the caller's own if left out */
                node?: string | null;
                /** @description '*': all lines */
                product_line?: string;
                /** @description Seven weights, Monday first (e.g. 1,1,1,1,1,2,2); even if left out */
                weekday_weights?: string | null;
            };
            header?: never;
            path: {
                /** @description YYYY-MM */
                month: string;
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
                    "application/json": components["schemas"]["DailyPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such org node the caller may see */
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
    set_consultant_target_kpi_targets_consultants__user_id___month__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description YYYY-MM */
                month: string;
                user_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TargetSet"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TargetPublic"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such record the caller may see */
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
    predefined_values_kpi_values__code__get: {
        parameters: {
            query: {
                /** @description First business day, inclusive */
                from: string;
                group_by?: components["schemas"]["Grouping"] | null;
                period?: components["schemas"]["Period"] | null;
                /** @description Last business day, inclusive (2 years max) */
                to: string;
            };
            header?: never;
            path: {
                code: string;
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
                    "application/json": components["schemas"]["KpiValues"];
                };
            };
            /** @description Missing, malformed, expired or untrusted bearer token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such predefined KPI */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not available: no service produces its facts yet (detail: why) */
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
}
