package kz.ashyq.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import kz.ashyq.publish.LinkReview;
import kz.ashyq.search.SearchIndex;
import kz.ashyq.store.ReviewQueue;
import kz.ashyq.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ashyq links review|accept|reject}: decides on links that looser matching proposed. */
@Command(name = "links", mixinStandardHelpOptions = true,
        description = {"Links that looser matching proposed (similar names within the same region) wait in a review "
            + "queue, out of the served data, until a person accepts or rejects them."},
        subcommands = {LinksCommand.Review.class, LinksCommand.Accept.class, LinksCommand.Reject.class})
final class LinksCommand {

    /** Options every links subcommand takes. */
    static class StoreOption {
        @Option(names = "--store", paramLabel = "DIR", required = true, description = "the TDB2 store directory")
        Path store;
    }

    /** {@code ashyq links review}: lists the pending links. */
    @Command(name = "review", mixinStandardHelpOptions = true, description = "Lists the links waiting for a decision.")
    static final class Review extends StoreOption implements Callable<Integer> {
        @Option(names = "--dataset", paramLabel = "ID", description = "only the links this dataset's load proposed")
        String dataset;

        @Override
        public Integer call() {
            try (Store s = Store.open(store)) {
                List<ReviewQueue.Entry> pending = review(s).pending().stream()
                        .filter(e -> dataset == null || e.dataset().equals(dataset)).toList();
                System.out.printf("%d link%s to review%s%n", pending.size(), pending.size() == 1 ? "" : "s",
                        pending.isEmpty() ? "" : " (ashyq links accept|reject --store " + store + " ID...):");
                for (ReviewQueue.Entry e : pending) {
                    System.out.printf("%s  %-14s '%s' -> %s  (score %.2f)%n      %s %s %s%n", e.id(), e.dataset(),
                            e.value(), e.label(), e.score(), e.subject(), e.predicate(), e.object());
                }
                return Main.OK;
            }
        }
    }

    /** {@code ashyq links accept ID...}. */
    @Command(name = "accept", mixinStandardHelpOptions = true,
            description = "Accepts links: they go into the links graph, with who accepted them and when.")
    static final class Accept extends Decision {
        @Override
        List<ReviewQueue.Entry> decide(LinkReview review) {
            return review.accept(ids, by);
        }
    }

    /** {@code ashyq links reject ID...}. */
    @Command(name = "reject", mixinStandardHelpOptions = true,
            description = "Rejects links: they stay out of the data and are not proposed again.")
    static final class Reject extends Decision {
        @Override
        List<ReviewQueue.Entry> decide(LinkReview review) {
            return review.reject(ids, by);
        }
    }

    /** What accept and reject share. */
    abstract static class Decision extends StoreOption implements Callable<Integer> {
        @Option(names = "--by", paramLabel = "NAME", description = "who decides (default: the user name)")
        String by = System.getProperty("user.name", "unknown");

        @Parameters(paramLabel = "ID", arity = "1..*", description = "ids from ashyq links review")
        List<String> ids;

        abstract List<ReviewQueue.Entry> decide(LinkReview review);

        @Override
        public Integer call() {
            try (Store s = Store.open(store)) {
                List<ReviewQueue.Entry> done;
                try {
                    done = decide(review(s));
                } catch (IllegalArgumentException e) {
                    throw new BadInputException(e.getMessage());
                }
                done.forEach(e -> System.out.printf("%s %s: %s %s %s%n", e.status().name().toLowerCase(), e.id(),
                        e.subject(), e.predicate(), e.object()));
                if (done.stream().anyMatch(e -> e.status() == ReviewQueue.Status.ACCEPTED)) {
                    try (SearchIndex index = SearchIndex.open(s)) {
                        index.update(s, s.base().orElseThrow());
                    }
                }
                return Main.OK;
            }
        }
    }

    static LinkReview review(Store s) {
        return new LinkReview(s, s.base().orElseThrow(() -> new BadInputException("the store " + s.dir() + " holds no data")));
    }
}
