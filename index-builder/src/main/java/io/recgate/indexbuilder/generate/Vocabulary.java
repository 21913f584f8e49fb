package io.recgate.indexbuilder.generate;

import java.util.List;
import java.util.SplittableRandom;

/** Names used in the generated files: categories, title words and user attribute values. */
final class Vocabulary {

    private static final List<String> CATEGORIES = List.of("Action", "Adventure", "Animation", "Comedy",
            "Crime", "Documentary", "Drama", "Family", "Fantasy", "History", "Horror", "Music", "Mystery",
            "Romance", "Science", "Sports", "Thriller", "Travel", "War", "Western", "Cooking", "Nature",
            "Technology", "Poetry");

    private static final String[] ADJECTIVES = {"Silent", "Crimson", "Hidden", "Golden", "Broken", "Electric",
        "Frozen", "Wild", "Lost", "Midnight", "Quiet", "Burning", "Endless", "Secret", "Distant", "Bright",
        "Hollow", "Iron", "Velvet", "Savage", "Gentle", "Falling", "Northern", "Restless", "Painted", "Lonely",
        "Radiant", "Shattered", "Wandering", "Last"};

    private static final String[] NOUNS = {"Harbor", "Garden", "River", "Empire", "Signal", "Mirror", "Forest",
        "Machine", "Kingdom", "Letter", "Voyage", "Storm", "Island", "Orchard", "Station", "Promise", "Horizon",
        "Lantern", "Engine", "Desert", "Circus", "Bridge", "Planet", "Echo", "Winter", "Summer", "Canyon",
        "Archive", "Compass", "Festival"};

    static final String[] AGE_BUCKETS = {"under-18", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"};
    static final double[] AGE_SHARES = {0.05, 0.20, 0.30, 0.20, 0.12, 0.08, 0.05};
    static final String[] GENDERS = {"F", "M"};
    static final String[] REGIONS = {"north-america", "south-america", "europe-west", "europe-east", "africa",
        "middle-east", "south-asia", "east-asia", "oceania"};
    static final double[] REGION_SHARES = {0.25, 0.08, 0.18, 0.08, 0.06, 0.05, 0.12, 0.14, 0.04};

    private Vocabulary() {
    }

    /** The name of category {@code c}: a genre for the first 24, then {@code Category-<c+1>}. */
    static String category(int c) {
        return c < CATEGORIES.size() ? CATEGORIES.get(c) : "Category-" + (c + 1);
    }

    /**
     * A readable title such as {@code Silent Harbor 42} or {@code The Hidden Garden}; a few
     * contain a comma or double quotes, so readers must honour RFC-4180 quoting.
     */
    static String title(SplittableRandom random) {
        String adjective = ADJECTIVES[random.nextInt(ADJECTIVES.length)];
        String noun = NOUNS[random.nextInt(NOUNS.length)];
        int pattern = random.nextInt(100);
        if (pattern < 70) {
            return adjective + " " + noun + " " + (1 + random.nextInt(99));
        }
        if (pattern < 85) {
            return "The " + adjective + " " + noun;
        }
        if (pattern < 97) {
            return noun + ", " + NOUNS[random.nextInt(NOUNS.length)] + " and " + NOUNS[random.nextInt(NOUNS.length)];
        }
        return noun + " \"" + adjective + "\" " + (1 + random.nextInt(9));
    }

    /** RFC-4180: quotes a field containing a comma, quote or line break, doubling inner quotes. */
    static String csvField(String field) {
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                return '"' + field.replace("\"", "\"\"") + '"';
            }
        }
        return field;
    }
}
