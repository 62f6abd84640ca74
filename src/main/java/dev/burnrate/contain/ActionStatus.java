package dev.burnrate.contain;

/** Where an action stands; see the package docs for the transitions. */
public enum ActionStatus {
    PROPOSED, APPROVED, ACTING, CONTAINED, FAILED, UNDOING, UNDONE, UNDO_FAILED, EXPIRED;

    /** An open action holds its target: no second action is proposed for it. */
    public boolean open() {
        return this != UNDONE && this != EXPIRED;
    }

    /** What people and the audit read: {@code undo_failed}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
