package dev.burnrate.run;

/** The invocation's event cannot be read; the message says which field is wrong and what was expected. */
public class InvalidEventException extends IllegalArgumentException {

    public InvalidEventException(String message) {
        super(message);
    }
}
