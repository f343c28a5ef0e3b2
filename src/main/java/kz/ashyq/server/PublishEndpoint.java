package kz.ashyq.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.LoadOptions;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.MappingFiles;
import kz.ashyq.mapping.read.MappingReader;
import kz.ashyq.publish.Publisher;
import kz.ashyq.store.Store;

/**
 * {@code POST /admin/publish}: a mapping and the files it reads, as {@code multipart/form-data},
 * published as a release by the running server. The part named {@code mapping} is the mapping
 * file; every other file part is named by its path relative to the mapping, as the mapping
 * names it ({@code ../data/x.csv}). Text parts {@code lenient}, {@code warnShapes},
 * {@code allowShrink} and {@code provenance} take {@code true}. The files are laid out in a
 * folder of their own, and the mapping may read nothing outside it: no other path, no other
 * file of the server. A mapping that cannot be read, or reads a file that was not sent, is a 400
 * at once; otherwise the answer streams the publication's events as JSON lines
 * ({@code application/x-ndjson}): {@code queued}, {@code started}, {@code progress}, then
 * {@code published} with what {@code ashyq load} prints, or {@code failed} with its exit code
 * and message. Only the admin token's holder gets here ({@link AdminGuard}).
 */
final class PublishEndpoint {

    static final String PATH = "/admin/publish";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Object> END = Map.of();

    private final Store store;
    private final BaseIri base;
    private final Publications publications;
    private final long maxUploadBytes;

    PublishEndpoint(Store store, BaseIri base, Publications publications, long maxUploadBytes) {
        this.store = store;
        this.base = base;
        this.publications = publications;
        this.maxUploadBytes = maxUploadBytes;
    }

    void handle(HttpServletRequest request, HttpServletResponse response, Refusal refusal)
            throws IOException, ServletException {
        if (!request.getMethod().equals("POST")) {
            response.setHeader("Allow", "POST");
            refusal.refuse(response, 405, "publish", "Method Not Allowed", "publish with POST");
            return;
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        if (!type.startsWith("multipart/form-data")) {
            refusal.refuse(response, 415, "publish", "Unsupported Media Type", "send the mapping and its files as "
                    + "multipart/form-data: a part named mapping, and one part per file named by its path from the mapping");
            return;
        }
        Path root = store.dir().resolve("uploads").resolve(UUID.randomUUID().toString());
        Files.createDirectories(root);
        boolean queued = false;
        try {
            Upload upload;
            try {
                request.setAttribute("org.eclipse.jetty.multipartConfig", new MultipartConfigElement(
                        root.toString(), maxUploadBytes, maxUploadBytes, 1 << 20));
                upload = lay(request.getParts(), root);
            } catch (IllegalStateException e) {
                refusal.refuse(response, 413, "body", "Content Too Large", "the upload is larger than "
                        + maxUploadBytes + " bytes (serve --max-upload-bytes)");
                return;
            } catch (BadUpload e) {
                refusal.refuse(response, 400, "publish", "Bad Request", e.getMessage());
                return;
            }
            Mapping mapping;
            try {
                mapping = MappingReader.read(upload.mapping());
                checkConfined(mapping, root);
                mapping.datasetId();
            } catch (RuntimeException e) {
                if (!Publisher.isBadInput(e) && !(e instanceof BadUpload)) {
                    throw e;
                }
                refusal.refuse(response, 400, "publish", "Bad Request", relative(e.getMessage(), upload.mapping()));
                return;
            }
            queued = stream(request, response, mapping, root, upload);
        } finally {
            if (!queued) {
                delete(root);
            }
        }
    }

    /** Queues the publication and writes its events as they come; true once it is queued. */
    private boolean stream(HttpServletRequest request, HttpServletResponse response, Mapping mapping, Path root,
            Upload upload) throws IOException {
        LoadOptions options = new LoadOptions(base, flag(request, "lenient"), 20, flag(request, "warnShapes"),
                flag(request, "allowShrink"));
        BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
        int before = publications.submit(mapping, root, options, flag(request, "provenance"), events::add, () -> {
            delete(root);
            events.add(END);
        });
        response.setStatus(200);
        response.setContentType("application/x-ndjson");
        response.setHeader("Cache-Control", "no-store");
        OutputStream out = response.getOutputStream();
        write(out, Map.of("event", "queued", "dataset", mapping.datasetId(), "waitingBefore", before));
        try {
            for (Map<String, Object> e = events.take(); e != END; e = events.take()) {
                write(out, e.containsKey("message") ? relativeMessage(e, upload.mapping()) : e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private static Map<String, Object> relativeMessage(Map<String, Object> e, Path mapping) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(e);
        copy.put("message", relative(String.valueOf(e.get("message")), mapping));
        return copy;
    }

    private static void write(OutputStream out, Map<String, Object> event) throws IOException {
        out.write(JSON.writeValueAsBytes(event));
        out.write('\n');
        out.flush();
    }

    private static boolean flag(HttpServletRequest request, String name) {
        return "true".equals(request.getParameter(name));
    }

    /** The mapping and the files as sent, under {@code root}. */
    private record Upload(Path mapping) {}

    /** A part that cannot be laid out: its name is no path under the mapping's folder. */
    private static final class BadUpload extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BadUpload(String message) {
            super(message);
        }
    }

    /**
     * Writes the parts under {@code root}: the mapping as deep as the deepest {@code ../} of a
     * file's name needs, each file where its name puts it from there.
     */
    private static Upload lay(Collection<Part> parts, Path root) throws IOException {
        Part mappingPart = null;
        int depth = 0;
        for (Part p : parts) {
            if (p.getName().equals("mapping")) {
                mappingPart = p;
            } else if (p.getSubmittedFileName() != null) {
                depth = Math.max(depth, leadingUps(checkedName(p.getName())));
            }
        }
        if (mappingPart == null) {
            throw new BadUpload("no part named mapping: send the mapping file as mapping=@FILE");
        }
        String file = mappingPart.getSubmittedFileName() == null ? "" : mappingPart.getSubmittedFileName();
        String name = file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.(yml|yaml|ttl)")) {
            throw new BadUpload("the mapping's file name '" + file + "' is not a .yml, .yaml or .ttl file name");
        }
        Path dir = root;
        for (int i = 0; i < depth; i++) {
            dir = dir.resolve("m");
        }
        Files.createDirectories(dir);
        Path mapping = dir.resolve(name);
        copy(mappingPart, mapping);
        for (Part p : parts) {
            if (p != mappingPart && p.getSubmittedFileName() != null) {
                Path target = dir.resolve(checkedName(p.getName())).normalize();
                if (!target.startsWith(root) || target.equals(mapping)) {
                    throw new BadUpload("part '" + p.getName() + "' is not a path under the mapping's folder");
                }
                Files.createDirectories(target.getParent());
                copy(p, target);
            }
        }
        return new Upload(mapping);
    }

    private static void copy(Part p, Path target) throws IOException {
        try (InputStream in = p.getInputStream()) {
            Files.copy(in, target);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new BadUpload("two parts name the file " + target.getFileName());
        }
    }

    /** A file part's name: a relative path with forward slashes, {@code ../} only in front. */
    private static String checkedName(String name) {
        boolean ok = !name.isEmpty() && name.length() < 1024 && !name.startsWith("/") && name.indexOf('\\') < 0
                && name.indexOf(':') < 0 && name.indexOf('\0') < 0;
        String rest = name;
        while (rest.startsWith("../")) {
            rest = rest.substring(3);
        }
        for (String segment : rest.split("/", -1)) {
            ok &= !segment.isEmpty() && !segment.equals("..") && !segment.equals(".");
        }
        if (!ok) {
            throw new BadUpload("part '" + name + "' is not a relative file path such as data/x.csv or ../data/x.csv");
        }
        return name;
    }

    private static int leadingUps(String name) {
        int n = 0;
        for (String rest = name; rest.startsWith("../"); rest = rest.substring(3)) {
            n++;
        }
        return n;
    }

    /** Every file the mapping reads must be one that was sent. */
    private static void checkConfined(Mapping mapping, Path root) {
        Path top = root.toAbsolutePath().normalize();
        Path dir = mapping.file().toAbsolutePath().getParent();
        for (Path f : MappingFiles.of(mapping)) {
            if (!f.startsWith(top) || !Files.isRegularFile(f)) {
                String shown = f.startsWith(top) ? dir.relativize(f).toString() : f.toString();
                throw new BadUpload(mapping.file().getFileName() + " reads " + shown + ", which was not sent with it: "
                        + "send it as a part named by its path from the mapping (" + shown + "=@FILE); a mapping sent "
                        + "to a server reads only the files sent with it");
            }
        }
    }

    /** A message with the upload's folder taken out, so that it names files as the client does. */
    private static String relative(String message, Path mapping) {
        String m = message == null ? "" : message;
        return m.replace(mapping.getParent().toAbsolutePath() + "/", "").replace(mapping.getParent() + "/", "");
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // an upload folder left behind holds nothing served
        }
    }
}
