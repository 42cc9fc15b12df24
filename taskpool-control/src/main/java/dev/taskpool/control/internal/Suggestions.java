package dev.taskpool.control.internal;

import java.util.Collection;

/** Finds the known name closest to a mistyped one. Stateless and thread-safe. */
final class Suggestions {

    private Suggestions() {
    }

    /**
     * The candidate closest to {@code typed} by edit distance, if it is close enough to be
     * what was meant (at most a third of the word's letters off, or a prefix of it);
     * otherwise {@code null}.
     */
    static String closest(String typed, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = candidate.startsWith(typed) && !typed.isEmpty() ? 0 : distance(typed, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.max(1, typed.length() / 3);
        return bestDistance <= allowed ? best : null;
    }

    /** Levenshtein distance, in O(a * b) time and O(b) space. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
