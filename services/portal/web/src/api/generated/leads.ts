// Generated from docs/openapi by `npm run generate`: never edit by hand.
export interface paths {
    "/campaigns": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Campaigns
         * @description The campaigns the caller may see, newest first, a page at a time.
         */
        get: operations["list_campaigns_campaigns_get"];
        put?: never;
        /**
         * Start Campaign
         * @description A campaign of the caller's book whose web form posts leads into the book's pool.
         */
        post: operations["start_campaign_campaigns_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/campaigns/{campaign_id}/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit Campaign Form
         * @description The campaign's public form. The answer never says whether the customer was known.
         */
        post: operations["submit_campaign_form_campaigns__campaign_id__leads_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customer-segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Customer Segments
         * @description Customers by lifecycle stage (prospect → signed → end user → repeat) and buyers by order
         *     frequency x order value, per dealer and region and in all, over the customers the caller
         *     may count (figures: a dealer sharing leads with the OEM at least as aggregate counts).
         */
        get: operations["customer_segments_customer_segments_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search
         * @description Customer files by name (in part), phone, VIN or plate (exactly), every criterion given
         *     holding, among the files the caller may see; name and phone masked unless the caller sees
         *     them in full, and a name matches only files the caller sees in full. Each file found is
         *     recorded in the personal-data audit.
         */
        get: operations["search_customers_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customer_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read File
         * @description The customer's file (customer 360): identifiers, who works them, their leads,
         *     opportunities, orders, vehicles and tickets, and one timeline of what every service
         *     recorded — leads' history and follow-ups, opportunities, test drives, orders, deliveries,
         *     tickets, calls, care actions and surveys. Masked as the customer's lead is for the
         *     caller; the read is audited.
         */
        get: operations["read_file_customers__customer_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customer_id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge Customer
         * @description Merge this customer file into another of the same dealer (the same person recorded
         *     twice): its leads move over, later submissions with its phone reach the merged customer,
         *     and the merge is audited and published (``leads.CustomerMerged``).
         */
        post: operations["merge_customer_customers__customer_id__merge_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/customers/{customer_id}/vehicles/{vin}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Record Vehicle Plate
         * @description A manager records a vehicle of the customer's and its plate (issued after delivery), so
         *     the file is found by it; a delivery or a ticket naming the VIN adds the vehicle too.
         */
        put: operations["record_vehicle_plate_customers__customer_id__vehicles__vin__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/dedup-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Dedup Keys
         * @description The identifiers the caller's book matches customers on after the phone, in order.
         */
        get: operations["dedup_keys_dedup_keys_get"];
        /**
         * Set Dedup Keys
         * @description Set them: a submission whose phone is new but whose value of one of these keys a
         *     customer of the book holds attaches to that customer (first key in order wins). Empty:
         *     the phone only.
         */
        put: operations["set_dedup_keys_dedup_keys_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/grade-schemes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Grade Schemes
         * @description The schemes the caller's book's pools may grade by (``PUT /pools/{id}``'s
         *     ``rules.grade_scheme``): the built-in ones, then the book's own at their latest version.
         */
        get: operations["grade_schemes_grade_schemes_get"];
        /**
         * Define Grade Scheme
         * @description Define a grade scheme of the caller's book (``version`` 0) or its next version: each
         *     grade's code, label, rank (higher is closer to buying) and callback cadence in days (none
         *     for the grade marketing nurtures; one grade at least). A next version keeps every grade of
         *     the one before — leads already graded keep a grade their scheme knows — and its cadences
         *     apply from each lead's next grading or follow-up on. A pool uses it by naming it in its
         *     rules.
         */
        put: operations["define_grade_scheme_grade_schemes_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/hand-overs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hand Over Leaver
         * @description Hand everything a consultant of the caller's book works to a named ``successor``, or
         *     spread it by a ``strategy``: their open leads move now (each a ``leads.LeadAssigned``,
         *     its history a ``handed_over`` entry), the rest follows through
         *     ``leads.ConsultantHandedOver`` — each service moves its own records, a customer's
         *     opportunity and call tasks to the successor of its lead. The leaver may still be active
         *     or deactivated already.
         */
        post: operations["hand_over_leaver_hand_overs_post"];
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
    "/imports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Upload Import
         * @description Upload a spreadsheet of leads as the raw body (`curl --data-binary @leads.csv`).
         *
         *     The header row names the columns: customer_name/姓名, phone/电话/手机, source/来源 and
         *     optionally vehicle_interest/意向车型. The leads go into the caller's book and wait in its
         *     default pool; the import runs in the background (follow `GET /imports/{import_id}`).
         */
        post: operations["upload_import_imports_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/{import_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Import Progress */
        get: operations["import_progress_imports__import_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/imports/{import_id}/errors": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Import Errors
         * @description The rejected rows, in file order, each naming the row and field. `?as=csv`: the whole
         *     report as one CSV file (UTF-8 with BOM, so Excel shows Chinese text).
         */
        get: operations["import_errors_imports__import_id__errors_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/lead-scoring/models": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Models
         * @description The lead-scoring models of the books whose figures the caller may see, newest first:
         *     each version's training history, its quality on the held-out month (AUC, Brier score,
         *     calibration), whether it scores leads and what it learnt matters. A book with none has too
         *     little closed history yet (its leads show no score, or its region's).
         */
        get: operations["list_models_lead_scoring_models_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Leads
         * @description The leads the caller may see, newest first or by score: a consultant's private sea, a
         *     manager's dealer. Each with its score (the worker's model of the lead's book, see
         *     ``/lead-scoring/models``). Personal data masked where the caller may not see it in full.
         */
        get: operations["list_leads_leads_get"];
        put?: never;
        /**
         * Register Lead
         * @description Record a lead in the caller's book (their dealer); publishes ``leads.LeadCreated``.
         *
         *     A customer this dealer already works (same phone, or same value of one of the dealer's
         *     deduplication keys, see ``/dedup-keys``) is not duplicated: the answer is 200 with the
         *     lead it was attached to and who owns it.
         */
        post: operations["register_lead_leads_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Get Lead */
        get: operations["get_lead_leads__lead_id__get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Assign Lead
         * @description Name the consultant who works the lead (分配), from the pool or from another owner;
         *     or, with ``strategy: more_senior``, let the lead's pool choose a more senior one (its
         *     least loaded member above the owner's level: 409 when there is none).
         */
        post: operations["assign_lead_leads__lead_id__assign_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Personal Data Audit Of Lead
         * @description Who read or changed the lead's personal data, when and through which endpoint (the
         *     entries of books whose records the caller sees in full), oldest first, a page at a time.
         *     A lead the caller may not see answers 404, as everywhere.
         */
        get: operations["personal_data_audit_of_lead_leads__lead_id__audit_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/claim": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Claim Lead
         * @description Take a lead from a pool open to you (领取); 409 when someone else was first, during
         *     your protection period, or over a claim limit. A just-released lead of a pool with blind
         *     release goes by lottery: the answer is 202 and the draw decides.
         */
        post: operations["claim_lead_leads__lead_id__claim_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/convert": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Convert Lead
         * @description Convert to an opportunity: publishes ``leads.LeadConverted`` for opportunities.
         */
        post: operations["convert_lead_leads__lead_id__convert_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/distribute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Distribute Lead
         * @description Send a pooled HQ/region lead to a dealer (线索下发): the named dealer, or the one routing
         *     picks by the customer's region and the dealers' spare capacity.
         */
        post: operations["distribute_lead_leads__lead_id__distribute_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/follow-ups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record Follow Up
         * @description A visit, call, test drive or message; re-grades the lead and resets its recycle clock.
         */
        post: operations["record_follow_up_leads__lead_id__follow_ups_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/grades": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lead Grades
         * @description The grades a follow-up may give the lead: its pool's scheme (the pool it waits in, or,
         *     while a consultant owns it, the pool it came from), hottest first.
         */
        get: operations["lead_grades_leads__lead_id__grades_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Lead History
         * @description Every transition, oldest first, a page at a time: who claimed, assigned, released (and
         *     by which rule), when and why.
         */
        get: operations["lead_history_leads__lead_id__history_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/lock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Lock Customer
         * @description Lock the customer against recycling (the owner; within the pool's cap of locks).
         */
        post: operations["lock_customer_leads__lead_id__lock_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/loss": {
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
         * @description Report the lead lost (战败) with the reason; a manager approves or rejects it.
         */
        post: operations["report_lost_leads__lead_id__loss_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/loss/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Decide Loss
         * @description Approve (closes the lead, publishes ``leads.LeadLost``) or reject a loss report.
         */
        post: operations["decide_loss_leads__lead_id__loss_decision_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/move": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move To Pool
         * @description Move a waiting lead to another pool of its book (e.g. an assign-only pool for a
         *     sensitive lead); that pool's rules and assignment strategy apply from now on.
         */
        post: operations["move_to_pool_leads__lead_id__move_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/nurture": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Hand To Nurture
         * @description Hand the lead to marketing now (its owner or a manager): regraded to its scheme's grade
         *     for marketing and owned by the nurture list's owner until a manager assigns it to a
         *     consultant (``POST /leads/{id}/assign``) or the owner releases it to the pool.
         */
        post: operations["hand_to_nurture_leads__lead_id__nurture_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/reject-distribution": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject Distribution
         * @description The dealer sends a distributed lead back to the pool it came from, with the reason.
         */
        post: operations["reject_distribution_leads__lead_id__reject_distribution_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Release Lead
         * @description Give the lead back to its pool (the owner), or take it back (a manager).
         */
        post: operations["release_lead_leads__lead_id__release_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/leads/{lead_id}/unlock": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Unlock Customer
         * @description Unlock the customer (the owner or a manager): recycle rules apply again.
         */
        post: operations["unlock_customer_leads__lead_id__unlock_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/nurture-settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Nurture Settings
         * @description Who owns the caller's book's nurture list. The list itself: ``GET /leads?nurture=true``.
         */
        get: operations["nurture_settings_nurture_settings_get"];
        /**
         * Set Nurture Settings
         * @description Name who owns the book's nurture list (an active user of the book who works leads; 422
         *     naming ``owner`` otherwise), or nobody (null). Leads handed to marketing from then on —
         *     by the three-stage rules or by hand — go to them.
         */
        put: operations["set_nurture_settings_nurture_settings_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pools": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List Pools
         * @description Pools the caller may claim from, and the pools of the org nodes the caller manages, by
         *     book and name, a page at a time.
         */
        get: operations["list_pools_pools_get"];
        put?: never;
        /**
         * Open Pool
         * @description Open another pool of the caller's book (e.g. assign-only for sensitive leads).
         */
        post: operations["open_pool_pools_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pools/{pool_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Configure
         * @description Set how the pool works: claim or assign-only, automatic assignment, and its rules
         *     (claim limits, protection period, recycle and anti-collusion rules).
         */
        put: operations["configure_pools__pool_id__put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pools/{pool_id}/leads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Leads In Pool
         * @description The public sea of the pool, personal data masked until someone claims the lead;
         *     narrowed to what fits the member (every criterion given must hold; repeat a parameter for
         *     any of several values) and sorted as they ask, ties newest first.
         */
        get: operations["leads_in_pool_pools__pool_id__leads_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pools/{pool_id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Set Members
         * @description Replace the pool's members: they alone claim from it and receive its automatic
         *     assignments, in proportion to their weights (a pool without members is open to all
         *     consultants below its org node); their levels rank them for "to a more senior
         *     consultant" (``POST /leads/{id}/assign`` with ``strategy: more_senior``).
         */
        put: operations["set_members_pools__pool_id__members_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/pools/{pool_id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Pool Report
         * @description Fairness (spread of leads per consultant, time in pool, recycle rate) and the
         *     anti-collusion evidence (pairs feeding each other released leads, ping-pong leads). For
         *     managers of the pool's book only: a pool merely open to the caller (e.g. a region's pool
         *     seen from a dealer) answers 404, its consultants and flags being other books' staff.
         */
        get: operations["pool_report_pools__pool_id__report_get"];
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
    "/receptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record Walk In
         * @description Record a showroom visit: a new customer becomes a lead of the receiving consultant; a
         *     known customer's visit counts as a verified visit for the consultant who owns them.
         */
        post: operations["record_walk_in_receptions_post"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/routing-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Routing Rules
         * @description The caller's book's rules in the order they are evaluated, and their version.
         */
        get: operations["routing_rules_routing_rules_get"];
        /**
         * Set Routing Rules
         * @description Replace the book's rules with these, in this order: a new lead nobody took in goes
         *     where the first rule whose conditions all hold sends it — a pool, a consultant, or a
         *     member of a pool chosen by a strategy — and to the book's default pool when none does.
         *     The lead and its history name the rule. ``version`` is the one last read (409 if the
         *     rules changed since).
         */
        put: operations["set_routing_rules_routing_rules_put"];
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
        /** AuditEntryPublic */
        AuditEntryPublic: {
            /** Action */
            action: string;
            /** Actor */
            actor: string;
            /** Actor Org */
            actor_org: string;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Endpoint */
            endpoint: string;
            /** Fields */
            fields: string[];
            /** Level */
            level: string;
        };
        /**
         * AutoAssignment
         * @enum {string}
         */
        AutoAssignment: "none" | "round_robin" | "least_loaded" | "weighted";
        /** CalibrationBinPublic */
        CalibrationBinPublic: {
            /** Leads */
            leads: number;
            /**
             * Observed
             * @description Share of them that converted
             */
            observed: number;
            /**
             * Predicted
             * @description Average predicted chance of the group's leads
             */
            predicted: number;
        };
        /** CampaignCreate */
        CampaignCreate: {
            /**
             * Name
             * @example Spring SUV test-drive week
             */
            name: string;
        };
        /** CampaignCreated */
        CampaignCreated: {
            /** Active */
            active: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Form Path */
            form_path: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Key
             * @description The form's key, shown only now: send it as X-Campaign-Key
             */
            key: string;
            /** Name */
            name: string;
            /** Owner Org */
            owner_org: string;
        };
        /**
         * CampaignFormLead
         * @description What the public form sends (its source is ``campaign_form``).
         */
        CampaignFormLead: {
            /**
             * Customer Name
             * @example 王伟
             */
            customer_name: string;
            /** Email */
            email?: string | null;
            /**
             * Id Number
             * @description Resident ID number (18 characters): matched by a keyed digest, never kept
             */
            id_number?: string | null;
            /**
             * Phone
             * @example 138 0013 8000
             */
            phone: string;
            /**
             * Region Hint
             * @description The region node the customer is in; routes an HQ lead to a dealer there
             */
            region_hint?: string | null;
            /**
             * Vehicle Interest
             * @example Model X 2.0T
             */
            vehicle_interest?: string | null;
            /** Wechat Id */
            wechat_id?: string | null;
        };
        /** CampaignPublic */
        CampaignPublic: {
            /** Active */
            active: boolean;
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /** Owner Org */
            owner_org: string;
        };
        /** ClaimRules */
        ClaimRules: {
            /**
             * Blind Release Hours
             * @description Just-released leads are handed out by lottery for this long instead of first click (0: off)
             * @default 0
             */
            blind_release_hours: number;
            /**
             * Max Claims Per Day
             * @default 20
             */
            max_claims_per_day: number;
            /**
             * Max Department Private Leads
             * @description Open leads one department (team) owns; None: no cap
             */
            max_department_private_leads?: number | null;
            /**
             * Max Locked
             * @description Customers one consultant may lock against recycling
             * @default 20
             */
            max_locked: number;
            /**
             * Max Private Leads
             * @description Open leads one consultant owns
             * @default 200
             */
            max_private_leads: number;
            /**
             * Protection Days
             * @description After a release the previous owner may not claim it back
             * @default 7
             */
            protection_days: number;
        };
        /** CollusionRules */
        CollusionRules: {
            /**
             * Threshold
             * @description Claims of one colleague's released leads within the window
             * @default 3
             */
            threshold: number;
            /**
             * Window Days
             * @default 30
             */
            window_days: number;
        };
        /** ConsultantFairness */
        ConsultantFairness: {
            /** Assigned */
            assigned: number;
            /** Claimed */
            claimed: number;
            /** Open Leads */
            open_leads: number;
            /**
             * Recycle Rate
             * @description Released / received within the window
             */
            recycle_rate: number | null;
            /** Released */
            released: number;
            /** User Id */
            user_id: string;
        };
        /** Conversion */
        Conversion: {
            /** Vehicle Interest */
            vehicle_interest?: string | null;
        };
        /**
         * CustomerFilePublic
         * @description Each list at most what the file's reads take (``crm_leads.views.customer_files``).
         */
        CustomerFilePublic: {
            customer: components["schemas"]["CustomerFound"];
            /** Identifiers */
            identifiers: components["schemas"]["Identifier"][];
            /** Leads */
            leads: components["schemas"]["LeadOfCustomer"][];
            /**
             * Merged From
             * @description Files merged into this one
             */
            merged_from: string[];
            /** Opportunities */
            opportunities: components["schemas"]["RecordOfCustomer"][];
            /** Orders */
            orders: components["schemas"]["RecordOfCustomer"][];
            /** Tickets */
            tickets: components["schemas"]["RecordOfCustomer"][];
            /**
             * Timeline
             * @description Newest first; the next page: before= the last entry's at
             */
            timeline: components["schemas"]["TimelineEntry"][];
            /** Vehicles */
            vehicles: components["schemas"]["VehicleOfCustomer"][];
        };
        /**
         * CustomerFound
         * @description A customer as the caller may see them: name and phone masked unless in full.
         */
        CustomerFound: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Grade */
            grade: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Lead Id
             * Format: uuid
             * @description The current lead: the open one, else the latest
             */
            lead_id: string;
            /** Lead Status */
            lead_status: string;
            /** Name */
            name: string;
            /** Owner Org */
            owner_org: string;
            /** Owner Team */
            owner_team: string | null;
            /**
             * Owner User
             * @description Who works the customer (their current lead's)
             */
            owner_user: string | null;
            /**
             * Personal Data
             * @description full or masked: how the caller sees it
             */
            personal_data: string;
            /** Phone */
            phone: string;
        };
        /** CustomerMerge */
        CustomerMerge: {
            /**
             * Into
             * Format: uuid
             */
            into: string;
        };
        /** CustomerMerged */
        CustomerMerged: {
            /**
             * Customer Id
             * Format: uuid
             */
            customer_id: string;
            /** Moved Leads */
            moved_leads: string[];
        };
        /** CustomerSegments */
        CustomerSegments: {
            /**
             * Dealers
             * @description By dealer id, the first 1,000
             */
            dealers: components["schemas"]["SegmentsPublic"][];
            /**
             * Dealers Truncated
             * @description More dealers than listed: ask for one dealer (dealer_id) for fewer
             */
            dealers_truncated: boolean;
            /** Frequent Orders */
            frequent_orders: number;
            /** High Value */
            high_value: string;
            /**
             * Regions
             * @description By region id, the first 1,000
             */
            regions: components["schemas"]["SegmentsPublic"][];
            /**
             * Regions Truncated
             * @description More regions than listed: ask for one dealer (dealer_id) for fewer
             */
            regions_truncated: boolean;
            /** @description Every customer counted, listed or not */
            total: components["schemas"]["SegmentsPublic"];
        };
        /**
         * DedupKeys
         * @description Which identifiers the book deduplicates customers on, in this order after the phone
         *     (always first); empty: the phone only.
         */
        DedupKeys: {
            /**
             * Keys
             * @example [
             *       "wechat_id"
             *     ]
             */
            keys: components["schemas"]["IdentifierKind"][];
        };
        /** Distribution */
        Distribution: {
            /**
             * Dealer Id
             * @description The dealer to send it to; omitted: routed by region and capacity
             */
            dealer_id?: string | null;
        };
        /** DistributionRejection */
        DistributionRejection: {
            /**
             * Reason
             * @example outside our sales area
             */
            reason: string;
        };
        /** DistributionRules */
        DistributionRules: {
            /**
             * Capacity
             * @description Receiving dealer pool: open distributed leads at a time
             * @default 50
             */
            capacity: number;
            /**
             * Work Within Hours
             * @description Sending pool: a dealer that has not followed up a distributed lead by then loses it back to this pool
             * @default 48
             */
            work_within_hours: number;
        };
        /** DrawEntered */
        DrawEntered: {
            /**
             * Draw Until
             * Format: date-time
             * @description When the lottery among the entrants decides
             */
            draw_until: string;
            /**
             * Lead Id
             * Format: uuid
             */
            lead_id: string;
        };
        /** FlaggedPairPublic */
        FlaggedPairPublic: {
            /** Claimed By */
            claimed_by: string;
            /** Handovers */
            handovers: number;
            /**
             * Last At
             * Format: date-time
             */
            last_at: string;
            /**
             * Ping Pong Leads
             * @description Leads passed back and forth, the first 50 by id
             */
            ping_pong_leads: string[];
            /** Released By */
            released_by: string;
        };
        /** FollowUpCreate */
        FollowUpCreate: {
            /** Call Seconds */
            call_seconds?: number | null;
            /**
             * Grade
             * @example ready_to_buy
             */
            grade?: string | null;
            kind: components["schemas"]["FollowUpKind"];
            /** Next Step */
            next_step?: string | null;
            /**
             * Outcome
             * @example came to the showroom
             */
            outcome: string;
            /**
             * Verified
             * @description A visit confirmed at reception, or a connected call
             * @default false
             */
            verified: boolean;
        };
        /**
         * FollowUpKind
         * @enum {string}
         */
        FollowUpKind: "visit" | "call" | "test_drive" | "message";
        /** FollowUpRecorded */
        FollowUpRecorded: {
            /**
             * Follow Up Id
             * Format: uuid
             */
            follow_up_id: string;
            lead: components["schemas"]["LeadPublic"];
        };
        /** GradePublic */
        GradePublic: {
            /**
             * Cadence Days
             * @description None: no callbacks, the grade for marketing
             */
            cadence_days: number | null;
            /** Code */
            code: string;
            /** Label */
            label: string;
            /** Rank */
            rank: number;
        };
        /** GradeSchemePublic */
        GradeSchemePublic: {
            /** Built In */
            built_in: boolean;
            /** Changed At */
            changed_at: string | null;
            /** Changed By */
            changed_by: string | null;
            /**
             * Grades
             * @description Hottest first
             */
            grades: components["schemas"]["GradePublic"][];
            /** Name */
            name: string;
            /**
             * Version
             * @description 0 for a built-in scheme; the book's own count from 1
             */
            version: number;
        };
        /** GradeSchemes */
        GradeSchemes: {
            /** Book */
            book: string;
            /** Schemes */
            schemes: components["schemas"]["GradeSchemePublic"][];
        };
        /**
         * GradeSchemeSet
         * @description A scheme of the book's own: the first version (``version`` 0) or the next one of the
         *     version last read.
         */
        GradeSchemeSet: {
            /** Grades */
            grades: components["schemas"]["GradeSpec"][];
            /**
             * Name
             * @example showroom_hot_warm
             */
            name: string;
            /**
             * Version
             * @description The version last read (0: new)
             */
            version: number;
        };
        /**
         * GradeSpec
         * @description One grade of a book's own scheme, as its managers define it.
         */
        GradeSpec: {
            /**
             * Cadence Days
             * @description Days from a grading (or a follow-up) until the owner's callback is due; null: no callbacks — a grade for marketing to nurture
             */
            cadence_days: number | null;
            /**
             * Code
             * @description What leads carry, e.g. H or hot
             */
            code: string;
            /** Label */
            label: string;
            /**
             * Rank
             * @description Higher is closer to buying: an upgrade raises it
             */
            rank: number;
        };
        /**
         * HandOverCreate
         * @description A leaver's hand-over: ``successor`` takes everything, or ``strategy`` spreads it over
         *     the members of ``pool_id`` (default: the book's default pool's members, or every active
         *     consultant of the book when it names none).
         */
        HandOverCreate: {
            /**
             * Leaver
             * @description The consultant who leaves
             */
            leaver: string;
            /** Pool Id */
            pool_id?: string | null;
            /** @description round_robin, least_loaded or weighted (not none) */
            strategy?: components["schemas"]["AutoAssignment"] | null;
            /** Successor */
            successor?: string | null;
        };
        /** HandOverPublic */
        HandOverPublic: {
            /** Book */
            book: string;
            /**
             * Follows
             * @description What the other services move on leads.ConsultantHandedOver, shortly after
             */
            follows: string;
            /**
             * Hand Over Id
             * Format: uuid
             */
            hand_over_id: string;
            /**
             * Leads Moved
             * @description Open leads each successor received
             */
            leads_moved: {
                [key: string]: number;
            };
            /** Leaver */
            leaver: string;
            /**
             * Strategy
             * @description named, or the strategy that spread the leads
             */
            strategy: string;
            /** Successors */
            successors: string[];
        };
        /** HistoryEntry */
        HistoryEntry: {
            /** Actor */
            actor: string;
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** From User */
            from_user: string | null;
            /** Kind */
            kind: string;
            /** Reason */
            reason: string | null;
            /** Rule */
            rule: string | null;
            /** To User */
            to_user: string | null;
        };
        /**
         * HoursOfDay
         * @description From ``start`` (inclusive) to ``end`` (exclusive), local business time; an ``end``
         *     before ``start`` spans midnight (e.g. 18:00-08:00 for the evening and night).
         */
        HoursOfDay: {
            /**
             * End
             * Format: time
             */
            end: string;
            /**
             * Start
             * Format: time
             */
            start: string;
        };
        /** HTTPValidationError */
        HTTPValidationError: {
            /** Detail */
            detail?: components["schemas"]["ValidationError"][];
        };
        /** Identifier */
        Identifier: {
            /**
             * Kind
             * @example wechat_id
             * @example email
             * @example id_number
             */
            kind: string;
            /**
             * Value
             * @description Masked unless in full; an ID number is only ever its digest
             */
            value: string;
        };
        /**
         * IdentifierKind
         * @enum {string}
         */
        IdentifierKind: "wechat_id" | "email" | "id_number";
        /** ImportErrorPage */
        ImportErrorPage: {
            /** Items */
            items: components["schemas"]["ImportRowError"][];
            /**
             * Next After
             * @description Pass as `after` for the next page; null: last
             */
            next_after: number | null;
        };
        /**
         * ImportFormat
         * @enum {string}
         */
        ImportFormat: "csv" | "xlsx";
        /** ImportPublic */
        ImportPublic: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string;
            /**
             * Error
             * @description Why the import failed, if it did
             */
            error: string | null;
            /** Finished At */
            finished_at: string | null;
            format: components["schemas"]["ImportFormat"];
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * Next Row
             * @description File row the import continues at (the header is row 1)
             */
            next_row: number;
            /**
             * Owner Org
             * @description The book (dealer) the leads go into
             */
            owner_org: string;
            /**
             * Rows Attached
             * @description Rows of a customer the book already works (or a repeat in the file): attached to that lead, not duplicated
             */
            rows_attached: number;
            /**
             * Rows Created
             * @description Rows that opened a lead (waiting in the pool)
             */
            rows_created: number;
            /**
             * Rows Estimated
             * @description Data rows the file seems to have, if known
             */
            rows_estimated: number | null;
            /**
             * Rows Failed
             * @description Rows rejected; see the error report
             */
            rows_failed: number;
            /**
             * Rows Read
             * @description Non-blank data rows read so far
             */
            rows_read: number;
            /** Size Bytes */
            size_bytes: number;
            status: components["schemas"]["ImportStatus"];
            /**
             * Updated At
             * Format: date-time
             */
            updated_at: string;
        };
        /** ImportRowError */
        ImportRowError: {
            /** Field */
            field: string;
            /** Message */
            message: string;
            /**
             * Row Number
             * @description Row of the file as a spreadsheet shows it
             */
            row_number: number;
            /**
             * Value
             * @description The rejected cell, as uploaded
             */
            value: string;
        };
        /**
         * ImportStatus
         * @enum {string}
         */
        ImportStatus: "queued" | "running" | "done" | "failed";
        /**
         * LeadAssignment
         * @description ``user_id`` names the new owner; or ``strategy: more_senior`` (the re-assignment
         *     ladder) gives the lead to the least loaded member of its pool above its owner's level.
         */
        LeadAssignment: {
            /** Reason */
            reason?: string | null;
            /** Strategy */
            strategy?: "more_senior" | null;
            /** User Id */
            user_id?: string | null;
        };
        /**
         * LeadAttached
         * @description The customer already has an open lead in this book: the submission was attached to it.
         */
        LeadAttached: {
            /**
             * Attached To
             * Format: uuid
             */
            attached_to: string;
            /** Message */
            message: string;
            /**
             * Owner User
             * @description Who works the customer; None: in the pool
             */
            owner_user: string | null;
            /** Status */
            status: string;
        };
        /**
         * LeadCreate
         * @description A new lead. A consultant who takes it in owns it; otherwise it waits in the pool.
         */
        LeadCreate: {
            /**
             * Customer Name
             * @example 王伟
             */
            customer_name: string;
            /** Email */
            email?: string | null;
            /**
             * Id Number
             * @description Resident ID number (18 characters): matched by a keyed digest, never kept
             */
            id_number?: string | null;
            /**
             * Phone
             * @example 138 0013 8000
             */
            phone: string;
            /**
             * Region Hint
             * @description The region node the customer is in; routes an HQ lead to a dealer there
             */
            region_hint?: string | null;
            source: components["schemas"]["LeadSource"];
            /**
             * Vehicle Interest
             * @example Model X 2.0T
             */
            vehicle_interest?: string | null;
            /** Wechat Id */
            wechat_id?: string | null;
        };
        /**
         * LeadGrades
         * @description The grades one lead takes.
         */
        LeadGrades: {
            /** Built In */
            built_in: boolean;
            /**
             * Grades
             * @description Hottest first
             */
            grades: components["schemas"]["GradePublic"][];
            /** Scheme */
            scheme: string;
        };
        /** LeadOfCustomer */
        LeadOfCustomer: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Grade */
            grade: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Owner Org */
            owner_org: string;
            /** Owner User */
            owner_user: string | null;
            /** Ownership Origin */
            ownership_origin: string | null;
            /** Source */
            source: string;
            /** Status */
            status: string;
            /** Vehicle Interest */
            vehicle_interest: string | null;
        };
        /**
         * LeadOrder
         * @description How a list of leads is ordered.
         * @enum {string}
         */
        LeadOrder: "newest" | "score";
        /**
         * LeadOrigin
         * @description The origins kpi's commission plans rate (``origin_rates``).
         * @enum {string}
         */
        LeadOrigin: "self_sourced" | "pool" | "oem" | "campaign";
        /** LeadPublic */
        LeadPublic: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string;
            /**
             * Customer Id
             * Format: uuid
             */
            customer_id: string;
            /** Customer Name */
            customer_name: string;
            /**
             * Escalated At
             * @description When the lead, stuck in its grade, was escalated to the managers for reassignment (cleared by a new grade)
             */
            escalated_at: string | null;
            /** Grade */
            grade: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Last Follow Up At */
            last_follow_up_at: string | null;
            /** Next Follow Up Due */
            next_follow_up_due: string | null;
            /**
             * Nurture Since
             * @description On the book's nurture list (handed to marketing) since then, owned by the list's owner; None: not nurtured
             */
            nurture_since?: string | null;
            /**
             * Origin Org
             * @description The HQ/region node that distributed it
             */
            origin_org: string | null;
            /** Owner Org */
            owner_org: string;
            /**
             * Owner User
             * @description None while the lead waits in a pool
             */
            owner_user: string | null;
            /** @description How the owner's ownership arose (commission's lead origin); None while the lead waits in a pool */
            ownership_origin: components["schemas"]["LeadOrigin"] | null;
            /** Phone */
            phone: string;
            /** Pool Id */
            pool_id: string | null;
            /**
             * Protected Until
             * @description Until then the previous owner may not claim it back
             */
            protected_until: string | null;
            /**
             * Routing Rule Id
             * @description The routing rule that placed the lead when it arrived (its history names it)
             */
            routing_rule_id: string | null;
            source: components["schemas"]["LeadSource"];
            /** Status */
            status: string;
            /** Vehicle Interest */
            vehicle_interest: string | null;
            /**
             * Work By
             * @description A distributed lead not followed up by then goes back to origin_org
             */
            work_by: string | null;
        };
        /** LeadRelease */
        LeadRelease: {
            /** Reason */
            reason: string;
        };
        /**
         * LeadScorePublic
         * @description The chance the lead converts, by the model of its book, and why.
         */
        LeadScorePublic: {
            /**
             * Factors
             * @description The largest effects, strongest first
             */
            factors: components["schemas"]["ScoreFactor"][];
            /** @description dealer: the book's own model; region: its region's (the dealer has too little history of its own) */
            model_scope: components["schemas"]["ScoreScope"];
            /** Model Version */
            model_version: number;
            /**
             * Score
             * @description Chance of converting, in percent
             */
            score: number;
            /**
             * Scored At
             * Format: date-time
             */
            scored_at: string;
        };
        /**
         * LeadSource
         * @description Where a lead came from (DOMAIN.md "Sources").
         * @enum {string}
         */
        LeadSource: "campaign" | "campaign_form" | "oem_website" | "referral" | "flyer" | "walk_in" | "phone" | "web";
        /** LossDecision */
        LossDecision: {
            /** Approved */
            approved: boolean;
        };
        /** LossReport */
        LossReport: {
            /**
             * Reason
             * @example bought a competitor's car
             */
            reason: string;
        };
        /** NurtureHandOff */
        NurtureHandOff: {
            /** Reason */
            reason: string;
        };
        /** NurtureSettings */
        NurtureSettings: {
            /** Book */
            book: string;
            /**
             * Owner
             * @description Who owns the book's nurture list: leads handed to marketing go to them (None: nobody — they are regraded and released to the pool instead)
             */
            owner: string | null;
        };
        /** NurtureSettingsSet */
        NurtureSettingsSet: {
            /** Owner */
            owner: string | null;
        };
        /**
         * PooledLead
         * @description A lead waiting in the public sea: enough to decide to claim it, personal data masked.
         */
        PooledLead: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Customer Name */
            customer_name: string;
            /** Grade */
            grade: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Phone */
            phone: string;
            /**
             * Region Hint
             * @description The region node the customer is in
             */
            region_hint: string | null;
            /** Released At */
            released_at: string | null;
            /** @description Its predicted chance of converting; None: no score yet */
            score: components["schemas"]["LeadScorePublic"] | null;
            source: components["schemas"]["LeadSource"];
            /** Vehicle Interest */
            vehicle_interest: string | null;
        };
        /**
         * PoolKind
         * @enum {string}
         */
        PoolKind: "claim" | "assign_only";
        /** PoolMember */
        PoolMember: {
            /**
             * Level
             * @description Seniority (1 junior … 10): a stalled lead may be reassigned to a member above its owner (strategy more_senior)
             * @default 1
             */
            level: number;
            /** User Id */
            user_id: string;
            /**
             * Weight
             * @description Share of automatic assignments
             * @default 1
             */
            weight: number;
        };
        /** PoolMembers */
        PoolMembers: {
            /** Members */
            members: components["schemas"]["PoolMember"][];
        };
        /** PoolMove */
        PoolMove: {
            /**
             * Pool Id
             * Format: uuid
             */
            pool_id: string;
        };
        /**
         * PoolOrder
         * @description How a pool's waiting leads are listed.
         * @enum {string}
         */
        PoolOrder: "recently_released" | "newest" | "oldest" | "grade" | "region" | "vehicle_interest" | "source" | "score";
        /** PoolPublic */
        PoolPublic: {
            auto_assignment: components["schemas"]["AutoAssignment"];
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Is Default */
            is_default: boolean;
            kind: components["schemas"]["PoolKind"];
            /** Name */
            name: string;
            /** Owner Org */
            owner_org: string;
            rules: components["schemas"]["PoolRules"];
        };
        /**
         * PoolReport
         * @description Pool fairness and anti-collusion evidence over the last ``window_days``.
         */
        PoolReport: {
            /** Average Hours Waiting */
            average_hours_waiting: number | null;
            /**
             * Consultants
             * @description The first 1,000 consultants by id (min and max count all)
             */
            consultants: components["schemas"]["ConsultantFairness"][];
            /**
             * Consultants Truncated
             * @description More consultants took part than listed
             */
            consultants_truncated: boolean;
            /**
             * Flagged Pairs
             * @description The 100 pairs with the most handovers
             */
            flagged_pairs: components["schemas"]["FlaggedPairPublic"][];
            /**
             * Flagged Pairs Truncated
             * @description More pairs were flagged than listed
             */
            flagged_pairs_truncated: boolean;
            /** Open Leads Max */
            open_leads_max: number;
            /** Open Leads Min */
            open_leads_min: number;
            /**
             * Pool Id
             * Format: uuid
             */
            pool_id: string;
            /** Waiting */
            waiting: number;
            /** Window Days */
            window_days: number;
        };
        /** PoolRules */
        PoolRules: {
            claim?: components["schemas"]["ClaimRules"];
            collusion?: components["schemas"]["CollusionRules"];
            distribution?: components["schemas"]["DistributionRules"];
            /**
             * Grade Scheme
             * @description One of ['habcn', 'three_level'], or the name of one of the book's own schemes (PUT /grade-schemes)
             * @default three_level
             */
            grade_scheme: string;
            recycle?: components["schemas"]["RecycleRules"];
        };
        /**
         * PoolSettings
         * @description How the pool works; the rules replace the pool's rules as a whole.
         */
        PoolSettings: {
            /** @default none */
            auto_assignment: components["schemas"]["AutoAssignment"];
            kind: components["schemas"]["PoolKind"];
            /** Name */
            name: string;
            rules: components["schemas"]["PoolRules"];
        };
        /** Received */
        Received: {
            /**
             * Received
             * @default true
             */
            received: boolean;
        };
        /** ReceptionCreate */
        ReceptionCreate: {
            /**
             * Arrived At
             * Format: date-time
             */
            arrived_at: string;
            /**
             * Companions
             * @example wife and son
             */
            companions?: string | null;
            /**
             * Customer Name
             * @example 王伟
             */
            customer_name: string;
            /** Email */
            email?: string | null;
            /**
             * Id Number
             * @description Resident ID number (18 characters): matched by a keyed digest, never kept
             */
            id_number?: string | null;
            /**
             * Interest
             * @example 7-seat SUV, hybrid
             */
            interest?: string | null;
            /** Left At */
            left_at?: string | null;
            /**
             * Phone
             * @example 138 0013 8000
             */
            phone: string;
            /**
             * Received By
             * @description The consultant who received them (a manager recording for them)
             */
            received_by?: string | null;
            /**
             * Region Hint
             * @description The region node the customer is in; routes an HQ lead to a dealer there
             */
            region_hint?: string | null;
            /** @default walk_in */
            source: components["schemas"]["LeadSource"];
            /**
             * Vehicle Interest
             * @example Model X 2.0T
             */
            vehicle_interest?: string | null;
            /**
             * Visitors
             * @description People in the party
             * @default 1
             */
            visitors: number;
            /** Wechat Id */
            wechat_id?: string | null;
        };
        /** ReceptionRecorded */
        ReceptionRecorded: {
            /**
             * Attached
             * @description The customer already had a lead in this dealer
             */
            attached: boolean;
            /**
             * Lead Id
             * Format: uuid
             */
            lead_id: string;
            /**
             * Owner User
             * @description Who works the customer
             */
            owner_user: string | null;
            /**
             * Reception Id
             * Format: uuid
             */
            reception_id: string;
        };
        /**
         * RecordOfCustomer
         * @description An opportunity, order or ticket and its latest state.
         */
        RecordOfCustomer: {
            /**
             * At
             * Format: date-time
             * @description When it reached that state
             */
            at: string;
            /** Details */
            details: {
                [key: string]: unknown;
            };
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Status */
            status: string;
        };
        /** RecycleRules */
        RecycleRules: {
            /**
             * Cti Calls Only
             * @description The pool expects the phone system's call records: a call follow-up the consultant types in no longer counts as real contact or resets the clock; a connected call the phone system recorded (call_center.CallCompleted) of at least min_call_seconds does
             * @default false
             */
            cti_calls_only: boolean;
            /**
             * Exclude Open Opportunities
             * @description Never recycle the leads of a customer with an opportunity being worked
             * @default false
             */
            exclude_open_opportunities: boolean;
            /**
             * Exclude Won Customers
             * @description Never recycle the leads of a customer who has bought
             * @default false
             */
            exclude_won_customers: boolean;
            /**
             * Min Call Seconds
             * @default 30
             */
            min_call_seconds: number;
            /**
             * No Conversion Days
             * @description Released when not converted this long after receipt
             */
            no_conversion_days?: number | null;
            /**
             * No Follow Up Days
             * @description Released after this many days without a follow-up, counted from the later of the last follow-up and the day the owner received it (None: never)
             * @default 10
             */
            no_follow_up_days: number | null;
            /**
             * No Follow Up Days By Grade
             * @description Overrides of no_follow_up_days per intent grade
             */
            no_follow_up_days_by_grade?: {
                [key: string]: number;
            };
            /**
             * No Win Days
             * @description Released when the customer has not bought (no deal won) this long after the owner received the lead
             */
            no_win_days?: number | null;
            /**
             * Real Contact Only
             * @description Only a verified visit or a connected call resets the clock, not a note
             * @default false
             */
            real_contact_only: boolean;
            /**
             * Reminder Days Before
             * @default 2
             */
            reminder_days_before: number;
            /**
             * Stalled Grade Days
             * @description A lead that stays in one of these grades this long is escalated to the managers for reassignment (default, three-level scheme: ready_to_buy 90 days — to a more senior consultant —, intent 90 days — not upgraded)
             */
            stalled_grade_days?: {
                [key: string]: number;
            } | null;
            /**
             * To Marketing After Days
             * @description A lead still in one of these grades this long is regraded to the scheme's marketing grade and released (default, three-level: ready_to_buy 180 days)
             */
            to_marketing_after_days?: {
                [key: string]: number;
            } | null;
        };
        /**
         * RoutingConditions
         * @description All given conditions must hold; one not given holds for every lead. Lists match any
         *     of their values.
         */
        RoutingConditions: {
            /**
             * Campaign Ids
             * @description Leads from these campaigns' forms
             */
            campaign_ids?: string[] | null;
            /** @description When the lead arrives */
            hours?: components["schemas"]["HoursOfDay"] | null;
            /**
             * Regions
             * @description The region node the customer is in (the lead's region_hint)
             */
            regions?: string[] | null;
            /** Sources */
            sources?: components["schemas"]["LeadSource"][] | null;
            /**
             * Vehicle Interests
             * @description Words the lead's vehicle interest contains (case-insensitive)
             */
            vehicle_interests?: string[] | null;
        };
        /** RoutingRulePublic */
        RoutingRulePublic: {
            conditions: components["schemas"]["RoutingConditions"];
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Name */
            name: string;
            /** Position */
            position: number;
            target: components["schemas"]["RoutingTarget"];
        };
        /** RoutingRules */
        RoutingRules: {
            /**
             * Book
             * @description The dealer (or HQ/region node) whose new leads they route
             */
            book: string;
            /** Rules */
            rules: components["schemas"]["RoutingRulePublic"][];
            /** Version */
            version: number;
        };
        /**
         * RoutingRuleSpec
         * @description One rule as its managers write it.
         */
        RoutingRuleSpec: {
            conditions?: components["schemas"]["RoutingConditions"];
            /** Name */
            name: string;
            target: components["schemas"]["RoutingTarget"];
        };
        /** RoutingRulesSet */
        RoutingRulesSet: {
            /**
             * Rules
             * @description In evaluation order: the first that matches decides
             */
            rules: components["schemas"]["RoutingRuleSpec"][];
            /**
             * Version
             * @description The version of the rules last read
             */
            version: number;
        };
        /** RoutingTarget */
        RoutingTarget: {
            kind: components["schemas"]["TargetKind"];
            /**
             * Pool Id
             * @description kind pool or strategy
             */
            pool_id?: string | null;
            /** @description kind strategy */
            strategy?: components["schemas"]["AutoAssignment"] | null;
            /**
             * User Id
             * @description kind consultant
             */
            user_id?: string | null;
        };
        /**
         * ScoredLead
         * @description A lead in a list, with its predicted chance of converting.
         */
        ScoredLead: {
            /**
             * Created At
             * Format: date-time
             */
            created_at: string;
            /** Created By */
            created_by: string;
            /**
             * Customer Id
             * Format: uuid
             */
            customer_id: string;
            /** Customer Name */
            customer_name: string;
            /**
             * Escalated At
             * @description When the lead, stuck in its grade, was escalated to the managers for reassignment (cleared by a new grade)
             */
            escalated_at: string | null;
            /** Grade */
            grade: string | null;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /** Last Follow Up At */
            last_follow_up_at: string | null;
            /** Next Follow Up Due */
            next_follow_up_due: string | null;
            /**
             * Nurture Since
             * @description On the book's nurture list (handed to marketing) since then, owned by the list's owner; None: not nurtured
             */
            nurture_since?: string | null;
            /**
             * Origin Org
             * @description The HQ/region node that distributed it
             */
            origin_org: string | null;
            /** Owner Org */
            owner_org: string;
            /**
             * Owner User
             * @description None while the lead waits in a pool
             */
            owner_user: string | null;
            /** @description How the owner's ownership arose (commission's lead origin); None while the lead waits in a pool */
            ownership_origin: components["schemas"]["LeadOrigin"] | null;
            /** Phone */
            phone: string;
            /** Pool Id */
            pool_id: string | null;
            /**
             * Protected Until
             * @description Until then the previous owner may not claim it back
             */
            protected_until: string | null;
            /**
             * Routing Rule Id
             * @description The routing rule that placed the lead when it arrived (its history names it)
             */
            routing_rule_id: string | null;
            /** @description None: no score yet (the lead is not open, or neither its dealer nor its region has history enough for a model) */
            score: components["schemas"]["LeadScorePublic"] | null;
            source: components["schemas"]["LeadSource"];
            /** Status */
            status: string;
            /** Vehicle Interest */
            vehicle_interest: string | null;
            /**
             * Work By
             * @description A distributed lead not followed up by then goes back to origin_org
             */
            work_by: string | null;
        };
        /** ScoreFactor */
        ScoreFactor: {
            /**
             * Effect
             * @description Its effect on the log-odds of converting, against the average lead the model learnt from (positive raises the score)
             */
            effect: number;
            /**
             * Factor
             * @description A feature: a count (calls, visits, test_drives, messages, receptions, grade_changes, hours_to_first_follow_up, no_follow_up, distributed) or a category (source=…, grade=…, origin=…, interest=…)
             */
            factor: string;
        };
        /**
         * ScoreModelReport
         * @description One trained version of a book's model and its quality on the held-out month.
         */
        ScoreModelReport: {
            /**
             * Auc
             * @description Area under the ROC curve on the held-out month (0.5: chance)
             */
            auc: number;
            /**
             * Brier
             * @description Mean squared error of the predicted chance (0: perfect)
             */
            brier: number;
            /**
             * Calibration
             * @description The held-out leads in equal groups by score, lowest first
             */
            calibration: components["schemas"]["CalibrationBinPublic"][];
            /**
             * Converted
             * @description Converted leads it learnt from
             */
            converted: number;
            /**
             * Held Out From
             * Format: date-time
             * @description Its quality is measured on the leads closed from then to its training, by a fit that did not see them
             */
            held_out_from: string;
            /** Held Out Leads */
            held_out_leads: number;
            /**
             * Id
             * Format: uuid
             */
            id: string;
            /**
             * In Use
             * @description Whether it scores leads: a model no better than chance does not, nor any but a book's newest version
             */
            in_use: boolean;
            /**
             * Lost
             * @description Lost leads it learnt from
             */
            lost: number;
            /**
             * Owner Org
             * @description The book (dealer, or region/HQ node) it learnt from
             */
            owner_org: string;
            scope: components["schemas"]["ScoreScope"];
            /**
             * Strongest Factors
             * @description Its largest weights (effect of one unit of the feature)
             */
            strongest_factors: components["schemas"]["ScoreFactor"][];
            /**
             * Trained At
             * Format: date-time
             */
            trained_at: string;
            /** Version */
            version: number;
        };
        /**
         * ScoreScope
         * @description Whose history a model learnt from.
         * @enum {string}
         */
        ScoreScope: "dealer" | "region";
        /** SegmentsPublic */
        SegmentsPublic: {
            /**
             * Buyers
             * @description Customers with an order standing
             */
            buyers: number;
            /** Customers */
            customers: number;
            /**
             * Node
             * @description The dealer, the region, or 'all'
             */
            node: string;
            /**
             * Quadrants
             * @description Buyers by order frequency x order value: frequent_high_value, frequent_low_value, occasional_high_value, occasional_low_value
             */
            quadrants: {
                [key: string]: number;
            };
            /**
             * Stages
             * @description prospect, signed, end_user, repeat
             */
            stages: {
                [key: string]: number;
            };
            /**
             * Value
             * @description What the buyers paid for their orders
             */
            value: string;
            /**
             * Value Per Buyer
             * @description Customer value: the average buyer's
             */
            value_per_buyer: string | null;
        };
        /**
         * TargetKind
         * @enum {string}
         */
        TargetKind: "pool" | "consultant" | "strategy";
        /** TimelineEntry */
        TimelineEntry: {
            /**
             * At
             * Format: date-time
             */
            at: string;
            /** Details */
            details: {
                [key: string]: unknown;
            };
            /**
             * Kind
             * @example lead_created
             * @example follow_up
             * @example opportunity_opened
             * @example order_placed
             * @example call
             */
            kind: string;
            /** Model Code */
            model_code: string | null;
            /**
             * Record Id
             * @description An order, a follow-up
             */
            record_id: string | null;
            /**
             * Source
             * @description The service whose record it is
             */
            source: string;
            /**
             * Subject Id
             * Format: uuid
             * @description The lead, opportunity, ticket, survey, care action or call
             */
            subject_id: string;
            /** Vin */
            vin: string | null;
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
        /** VehicleOfCustomer */
        VehicleOfCustomer: {
            /** Delivered On */
            delivered_on: string | null;
            /** Model Code */
            model_code: string | null;
            /**
             * Plate
             * @description Masked unless in full
             */
            plate: string | null;
            /**
             * Vin
             * @description Masked unless in full
             */
            vin: string;
        };
        /** VehiclePlate */
        VehiclePlate: {
            /** Model Code */
            model_code?: string | null;
            /**
             * Plate
             * @example 沪A12345
             */
            plate?: string | null;
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
    list_campaigns_campaigns_get: {
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
                    "application/json": components["schemas"]["CampaignPublic"][];
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
    start_campaign_campaigns_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CampaignCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CampaignCreated"];
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
    submit_campaign_form_campaigns__campaign_id__leads_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                campaign_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CampaignFormLead"];
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Received"];
                };
            };
            /** @description Missing or wrong campaign key */
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
            /** @description Validation Error */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HTTPValidationError"];
                };
            };
            /** @description Too many submissions for this campaign, or from the caller's address; retry later */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    customer_segments_customer_segments_get: {
        parameters: {
            query?: {
                dealer_id?: string | null;
                frequent_orders?: number;
                high_value?: number | string;
                /** @description Count orders won since this business day (default: all) */
                since?: string | null;
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
                    "application/json": components["schemas"]["CustomerSegments"];
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
    search_customers_get: {
        parameters: {
            query?: {
                limit?: number;
                name?: string | null;
                offset?: number;
                phone?: string | null;
                plate?: string | null;
                vin?: string | null;
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
                    "application/json": components["schemas"]["CustomerFound"][];
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
            /** @description No such customer file visible to the caller (or merged into another) */
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
    read_file_customers__customer_id__get: {
        parameters: {
            query?: {
                before?: string | null;
                limit?: number;
            };
            header?: never;
            path: {
                customer_id: string;
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
                    "application/json": components["schemas"]["CustomerFilePublic"];
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
            /** @description No such customer file visible to the caller (or merged into another) */
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
    merge_customer_customers__customer_id__merge_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customer_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CustomerMerge"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerMerged"];
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
            /** @description No such customer in a book the caller manages */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Different books, or both customers have an open lead */
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
    record_vehicle_plate_customers__customer_id__vehicles__vin__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                customer_id: string;
                vin: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VehiclePlate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VehicleOfCustomer"];
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
            /** @description No such customer in a book the caller manages */
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
    dedup_keys_dedup_keys_get: {
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
                    "application/json": components["schemas"]["DedupKeys"];
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
        };
    };
    set_dedup_keys_dedup_keys_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DedupKeys"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DedupKeys"];
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
    grade_schemes_grade_schemes_get: {
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
                    "application/json": components["schemas"]["GradeSchemes"];
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
        };
    };
    define_grade_scheme_grade_schemes_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GradeSchemeSet"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GradeSchemePublic"];
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
            /** @description The scheme changed since the version the caller names */
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
    hand_over_leaver_hand_overs_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["HandOverCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HandOverPublic"];
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
            /** @description The leaver or the successor does not work in the caller's book */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No consultant of the book but the leaver could take over */
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
    upload_import_imports_post: {
        parameters: {
            query: {
                format: components["schemas"]["ImportFormat"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                "text/csv": string;
            };
        };
        responses: {
            /** @description Successful Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportPublic"];
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
            /** @description No such import visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The file is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Empty body, another format, or a CSV header without a column */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    import_progress_imports__import_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                import_id: string;
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
                    "application/json": components["schemas"]["ImportPublic"];
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
            /** @description No such import visible to the caller */
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
    import_errors_imports__import_id__errors_get: {
        parameters: {
            query?: {
                after?: number;
                as?: "json" | "csv";
                limit?: number;
            };
            header?: never;
            path: {
                import_id: string;
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
                    "application/json": components["schemas"]["ImportErrorPage"];
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
            /** @description No such import visible to the caller */
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
    list_models_lead_scoring_models_get: {
        parameters: {
            query?: {
                /** @description Only this book's models (an org id) */
                book?: string | null;
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
                    "application/json": components["schemas"]["ScoreModelReport"][];
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
    list_leads_leads_get: {
        parameters: {
            query?: {
                /** @description Only the leads escalated for stalling in their grade and not reassigned since, longest escalated first: the managers' reassignment list */
                escalated?: boolean;
                limit?: number;
                /** @description Only the leads on the nurture list (handed to marketing), longest there first: the list its owner works and the managers watch */
                nurture?: boolean;
                offset?: number;
                /** @description newest first, or by score: highest first, no score yet last */
                sort?: components["schemas"]["LeadOrder"];
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
                    "application/json": components["schemas"]["ScoredLead"][];
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
    register_lead_leads_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeadCreate"];
            };
        };
        responses: {
            /** @description Known customer: attached to its lead */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadAttached"];
                };
            };
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadPublic"];
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
    get_lead_leads__lead_id__get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
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
                    "application/json": components["schemas"]["LeadPublic"];
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
            /** @description No such lead visible to the caller */
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
    assign_lead_leads__lead_id__assign_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeadAssignment"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadPublic"];
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
            /** @description No such lead visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The lead's state or a pool rule does not allow it (the detail says why) */
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
    personal_data_audit_of_lead_leads__lead_id__audit_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                lead_id: string;
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
                    "application/json": components["schemas"]["AuditEntryPublic"][];
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
            /** @description No such lead visible to the caller */
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
    claim_lead_leads__lead_id__claim_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
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
                    "application/json": components["schemas"]["LeadPublic"];
                };
            };
            /** @description The lead goes by lottery: you entered */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DrawEntered"];
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
            /** @description No such lead visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The lead's state or a pool rule does not allow it (the detail says why) */
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
    convert_lead_leads__lead_id__convert_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Conversion"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadPublic"];
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
            /** @description No such lead visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The lead's state or a pool rule does not allow it (the detail says why) */
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
    distribute_lead_leads__lead_id__distribute_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["Distribution"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadPublic"];
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
            /** @description No such lead visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The lead's state or a pool rule does not allow it (the detail says why) */
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
    record_follow_up_leads__lead_id__follow_ups_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FollowUpCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowUpRecorded"];
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
            /** @description No such lead visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The lead's state or a pool rule does not allow it (the detail says why) */
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
    lead_grades_leads__lead_id__grades_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
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
                    "application/json": components["schemas"]["LeadGrades"];
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
            /** @description No such lead visible to the caller */
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
    lead_history_leads__lead_id__history_get: {
        parameters: {
            query?: {
                limit?: number;
                offset?: number;
            };
            header?: never;
            path: {
                lead_id: string;
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
                    "application/json": components["schemas"]["HistoryEntry"][];
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
            /** @description No such lead visible to the caller */
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
    lock_customer_leads__lead_id__lock_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
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
                    "application/json": components["schemas"]["LeadPublic"];
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
            /** @description No such lead visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The lead's state or a pool rule does not allow it (the detail says why) */
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
    report_lost_leads__lead_id__loss_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
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
                    "application/json": components["schemas"]["LeadPublic"];
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
            /** @description No such lead visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The lead's state or a pool rule does not allow it (the detail says why) */
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
    decide_loss_leads__lead_id__loss_decision_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LossDecision"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadPublic"];
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
            /** @description No such lead visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The lead's state or a pool rule does not allow it (the detail says why) */
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
    move_to_pool_leads__lead_id__move_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PoolMove"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadPublic"];
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
            /** @description No such lead visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The lead's state or a pool rule does not allow it (the detail says why) */
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
    hand_to_nurture_leads__lead_id__nurture_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NurtureHandOff"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadPublic"];
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
            /** @description No such lead in the caller's write scope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Nobody owns the book's nurture list, or the lead is not open */
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
    reject_distribution_leads__lead_id__reject_distribution_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DistributionRejection"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadPublic"];
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
            /** @description No such lead visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The lead's state or a pool rule does not allow it (the detail says why) */
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
    release_lead_leads__lead_id__release_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LeadRelease"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["LeadPublic"];
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
            /** @description No such lead visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The lead's state or a pool rule does not allow it (the detail says why) */
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
    unlock_customer_leads__lead_id__unlock_post: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                lead_id: string;
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
                    "application/json": components["schemas"]["LeadPublic"];
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
            /** @description No such lead visible to the caller */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The lead's state or a pool rule does not allow it (the detail says why) */
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
    nurture_settings_nurture_settings_get: {
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
                    "application/json": components["schemas"]["NurtureSettings"];
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
        };
    };
    set_nurture_settings_nurture_settings_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["NurtureSettingsSet"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NurtureSettings"];
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
    list_pools_pools_get: {
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
                    "application/json": components["schemas"]["PoolPublic"][];
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
    open_pool_pools_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PoolSettings"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PoolPublic"];
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
    configure_pools__pool_id__put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pool_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PoolSettings"];
            };
        };
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
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such pool visible to the caller */
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
    leads_in_pool_pools__pool_id__leads_get: {
        parameters: {
            query?: {
                grade?: string[] | null;
                limit?: number;
                /** @description Came in at most this many days ago */
                max_age_days?: number | null;
                /** @description Came in at least this many days ago */
                min_age_days?: number | null;
                offset?: number;
                /** @description The region node the customer is in (any of these) */
                region?: string[] | null;
                sort?: components["schemas"]["PoolOrder"];
                source?: components["schemas"]["LeadSource"][] | null;
                /** @description Words the vehicle interest contains */
                vehicle_interest?: string | null;
            };
            header?: never;
            path: {
                pool_id: string;
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
                    "application/json": components["schemas"]["PooledLead"][];
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
            /** @description No such pool visible to the caller */
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
    set_members_pools__pool_id__members_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                pool_id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PoolMembers"];
            };
        };
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
            /** @description The role lacks the function */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description No such pool visible to the caller */
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
    pool_report_pools__pool_id__report_get: {
        parameters: {
            query?: {
                window_days?: number;
            };
            header?: never;
            path: {
                pool_id: string;
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
                    "application/json": components["schemas"]["PoolReport"];
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
            /** @description No such pool visible to the caller */
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
    record_walk_in_receptions_post: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReceptionCreate"];
            };
        };
        responses: {
            /** @description Successful Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReceptionRecorded"];
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
            /** @description The named consultant does not work in this dealer */
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
    routing_rules_routing_rules_get: {
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
                    "application/json": components["schemas"]["RoutingRules"];
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
        };
    };
    set_routing_rules_routing_rules_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RoutingRulesSet"];
            };
        };
        responses: {
            /** @description Successful Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RoutingRules"];
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
            /** @description A rule names a user who is not an active consultant of the book */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The rules changed since the version the caller names */
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
}
