/**
 * Containment: stopping a runaway through the vendor's own API, opt-in per vendor, project, workspace, key or role,
 * approved by a person or a rule, audited and reversible. Plain Java: no CDI, no AWS SDK, no HTTP; what a vendor
 * is asked to do is {@code provider.VendorSwitch}'s, where it is stored {@code ledger.ContainmentStore}'s, and
 * {@code run.ContainmentService} drives them.
 *
 * <h2>Policies ({@link dev.burnrate.contain.Policies})</h2>
 * {@code off} (the default for anything not named), {@code suggest} (a proposal goes out with a link and a command
 * that approve it) or {@code auto} (a proposal above the configured thresholds is approved by the rule at once).
 * The most specific entry wins: {@code openai/proj_abc=auto; openai=suggest}. The action is the narrowest that stops
 * the spend: one OpenAI project (its hard spend limit set to what it has spent), one Anthropic workspace (its
 * active API keys set inactive), one OpenRouter key (disabled), one IAM role (denied {@code bedrock:InvokeModel*}).
 * Azure OpenAI and Google have no such switch burnrate could set; a policy naming them is refused.
 *
 * <h2>An action's life ({@link dev.burnrate.contain.ActionStatus}, one item per action, every transition one
 * conditional write with its message)</h2>
 * <pre>
 *   absent    ──a runaway or budget trigger meets a policy──▶ PROPOSED (message: what, why, link and command)
 *   absent    ──the same, in a dry run──▶ absent (the report says what it would propose; nothing stored)
 *   PROPOSED  ──approved: a signed link (POST; a GET only asks), the CLI, or the auto rule──▶ APPROVED (message)
 *   PROPOSED  ──a check after its link expired──▶ EXPIRED (no message; a new trigger may propose again)
 *   APPROVED  ──the vendor's state read and kept──▶ ACTING (no message)
 *   APPROVED  ──the state could not be read──▶ FAILED (message; nothing was changed)
 *   ACTING    ──the switch set──▶ CONTAINED (message, with the undo link and command)
 *   ACTING    ──the vendor refused or failed──▶ FAILED (message with the vendor's answer; what was changed and
 *               what was not is named)
 *   FAILED    ──approved again (the "Try again" link or the CLI)──▶ APPROVED
 *   CONTAINED, UNDO_FAILED, or FAILED once the state was read ──undo──▶ UNDOING (no message)
 *   UNDOING   ──the prior state put back──▶ UNDONE (message)
 *   UNDOING   ──the vendor refused or failed──▶ UNDO_FAILED (message); undo may be asked again
 *   APPROVED, ACTING or UNDOING left by a run that died ──the first check after the lease
 *               (burnrate.containment.act-lease, 5 minutes)──▶ taken over: acts or restores again from where it
 *               stood (a run still alive then loses its next conditional write and stops)
 * </pre>
 * Every transition is one conditional write over the version read, in the same DynamoDB transaction as its
 * message's outbox item: a message goes out exactly when its transition landed, and of two requests that race only
 * one moves the action (approving twice acts once; a link acts once). A replayed or second link finds the action
 * moved on and is answered 409 with where it stands.
 * <p>
 * The vendor's prior state is read once, before the first attempt, and kept: a retry after a lost answer or a
 * takeover acts again (every switch is idempotent) without reading the contained state as the prior one, and undo
 * restores what was there before burnrate first acted. An open action holds its target (one action per target at a
 * time) until it is undone or expired, or it failed before changing anything. Dry runs and replays never write or
 * act; when containment itself fails (its store, a missing key), the check's alerts still go out and its report
 * says so.
 */
package dev.burnrate.contain;
