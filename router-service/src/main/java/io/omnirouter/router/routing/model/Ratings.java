package io.omnirouter.router.routing.model;

/**
 * A rating a customer gave (chat satisfaction, a shop review, a rated social comment): 1 (worst) to 5 (best), as
 * every channel schema documents it. Anything else is an adapter's mistake (a 0-10 scale, a percentage) that would
 * make the classifier read an unhappy customer as a happy one, or the reverse, so the event is rejected.
 */
public final class Ratings {

    private Ratings() {
    }

    /** The rating, or null when the customer gave none. */
    public static Integer checked(Integer rating, String field) {
        if (rating != null && (rating < 1 || rating > 5)) {
            throw new RejectedEventException(Rejection.RATING_OUT_OF_RANGE, field, rating);
        }
        return rating;
    }
}
