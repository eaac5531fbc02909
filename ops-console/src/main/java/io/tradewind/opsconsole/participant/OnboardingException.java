package io.tradewind.opsconsole.participant;

/**
 * Onboarding refused a request (the id is taken, the participant is unknown) or did not finish it; the message says
 * which regions are in which state and what repairs it.
 */
public final class OnboardingException extends RuntimeException {
    public OnboardingException(String message) {
        super(message);
    }

    public OnboardingException(String message, Throwable cause) {
        super(message, cause);
    }
}
