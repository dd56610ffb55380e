using System.Text;
using Conformance.Harness.Layout;

namespace Conformance.Harness.Catalogue;

/// <summary>
/// Reads the Client-Server OpenAPI data and derives one <see cref="Endpoint"/> per operation, classifying
/// authentication exactly as the spec's renderer does (no <c>security</c> → none; a list holding
/// <c>{}</c> → optional; otherwise required).
/// </summary>
public sealed class EndpointCatalogueGenerator
{
    private static readonly string[] Methods = ["get", "post", "put", "delete"];
    private static readonly (string Method, string Path)[] LockExempt =
    [
        ("POST", "/_matrix/client/v3/logout"),
        ("POST", "/_matrix/client/v3/logout/all"),
    ];

    /// <summary>Facts about how the spec renders these files: its version, page URL, and the anchor
    /// prefixes of the two files that describe an already-described route (spec/v1.19/rendering.yaml).</summary>
    public sealed class Rendering
    {
        public string SpecVersion { get; set; } = "";
        public string Source { get; set; } = "";
        public string PageUrl { get; set; } = "";
        public Dictionary<string, string> AnchorBases { get; set; } = [];
        /// <summary>Operations whose declared security scheme is not a Client-Server one (a spec bug) and
        /// that the suite treats as optional-auth.</summary>
        public List<string> TreatAsOptionalAuth { get; set; } = [];
    }

    /// <summary>Generates from the vendored copy (a folder holding <c>rendering.yaml</c> and <c>client-server/</c>).</summary>
    public EndpointCatalogue Generate(string vendoredSpecFolder) =>
        Generate(Path.Combine(vendoredSpecFolder, "client-server"), LoadRendering(vendoredSpecFolder));

    public static Rendering LoadRendering(string vendoredSpecFolder) =>
        YamlJson.Bind<Rendering>(Path.Combine(vendoredSpecFolder, "rendering.yaml"));

    /// <summary>Generates from any folder of Client-Server OpenAPI files (the vendored copy or upstream's
    /// <c>data/api/client-server</c>).</summary>
    public EndpointCatalogue Generate(string apiFolder, Rendering rendering)
    {
        var tree = new OpenApiTree(apiFolder);
        var operations = new List<Endpoint>();

        foreach (var file in tree.TopLevelFiles())
        {
            var doc = tree.Load(file);
            var paths = OpenApiTree.Map(OpenApiTree.Get(doc, "paths"));
            if (paths is null) continue;
            var basePath = BasePath(doc);
            foreach (var (pathKey, rawItem) in paths)
            {
                var itemFile = file;
                var item = tree.Resolve(rawItem, ref itemFile);
                foreach (var method in Methods)
                {
                    if (OpenApiTree.Get(item, method) is not Dictionary<string, object?> op) continue;
                    operations.Add(Describe(tree, rendering, itemFile, file, basePath, pathKey, method, op, item));
                }
            }
        }

        var shared = operations.GroupBy(o => (o.Method, o.Path)).Where(g => g.Count() > 1).SelectMany(g => g).Select(o => o.OperationId).ToHashSet();
        var ordered = operations
            .Select(o => shared.Contains(o.OperationId) ? o with { SharedRoute = true } : o)
            .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal).ThenBy(o => o.OperationId, StringComparer.Ordinal)
            .ToList();
        return new EndpointCatalogue { SpecVersion = rendering.SpecVersion, Source = rendering.Source, Operations = ordered };
    }

    private static Endpoint Describe(OpenApiTree tree, Rendering rendering, string opFile, string topFile, string basePath,
        string pathKey, string method, Dictionary<string, object?> op, object? pathItem)
    {
        var path = basePath + pathKey.Trim();
        var upper = method.ToUpperInvariant();
        var operationId = OpenApiTree.Str(OpenApiTree.Get(op, "operationId")) ?? $"{method}{path}";

        var security = OpenApiTree.Get(op, "security") as List<object?>;
        var schemes = security?.OfType<Dictionary<string, object?>>().SelectMany(m => m.Keys).Distinct().Order(StringComparer.Ordinal).ToList() ?? [];
        var auth = security is null ? "none"
            : security.Any(e => e is Dictionary<string, object?> { Count: 0 }) ? "optional"
            : "required";
        var appserviceOnly = schemes.Count > 0 && schemes.All(s => s.StartsWith("appservice", StringComparison.Ordinal));

        string lockCategory;
        if (LockExempt.Contains((upper, path))) lockCategory = LockCategories.Exempt;
        else if (appserviceOnly) lockCategory = LockCategories.AppserviceToken;
        else if (rendering.TreatAsOptionalAuth.Contains(operationId)) lockCategory = LockCategories.OptionalAuth;
        else lockCategory = auth switch { "required" => LockCategories.RequiredAuth, "optional" => LockCategories.OptionalAuth, _ => LockCategories.NoAuth };

        var parameters = new List<Dictionary<string, object?>>();
        foreach (var p in OpenApiTree.List(OpenApiTree.Get(pathItem, "parameters")).Concat(OpenApiTree.List(OpenApiTree.Get(op, "parameters"))))
        {
            var pf = opFile;
            if (tree.Resolve(p, ref pf) is Dictionary<string, object?> resolved) parameters.Add(resolved);
        }
        var pathParams = parameters.Where(p => OpenApiTree.Str(OpenApiTree.Get(p, "in")) == "path")
            .Select(p => new PathParameter(
                OpenApiTree.Str(OpenApiTree.Get(p, "name"))!,
                OpenApiTree.Str(OpenApiTree.Get(OpenApiTree.Get(p, "schema"), "format")),
                EnumOf(OpenApiTree.Get(p, "schema"))))
            .ToList();
        var requiredQuery = parameters.Where(p => OpenApiTree.Str(OpenApiTree.Get(p, "in")) == "query" && OpenApiTree.Str(OpenApiTree.Get(p, "required")) == "true")
            .Select(p => new QueryParameter(
                OpenApiTree.Str(OpenApiTree.Get(p, "name"))!,
                OpenApiTree.Str(OpenApiTree.Get(OpenApiTree.Get(p, "schema"), "type")) ?? "string",
                EnumOf(OpenApiTree.Get(p, "schema"))))
            .ToList();

        var (body, uia) = DescribeBody(tree, opFile, OpenApiTree.Get(op, "requestBody"));
        var responses = OpenApiTree.Map(OpenApiTree.Get(op, "responses"));
        var changed = OpenApiTree.Map(OpenApiTree.Get(op, "x-changedInMatrixVersion"))?.Keys.Order(StringComparer.Ordinal).ToList() ?? [];

        rendering.AnchorBases.TryGetValue(topFile, out var anchorBase);
        var anchor = (anchorBase is null ? "" : anchorBase + "_") + method + Anchorize(path);

        return new Endpoint
        {
            OperationId = operationId,
            Method = upper,
            Path = path,
            File = topFile,
            SpecUrl = rendering.PageUrl + "#" + anchor,
            Auth = auth,
            SecuritySchemes = schemes,
            AppserviceOnly = appserviceOnly,
            LockCategory = lockCategory,
            Deprecated = OpenApiTree.Str(OpenApiTree.Get(op, "deprecated")) == "true",
            AddedIn = OpenApiTree.Str(OpenApiTree.Get(op, "x-addedInMatrixVersion")),
            ChangedIn = changed,
            RateLimited = responses?.ContainsKey("429") ?? false,
            Uia = uia,
            Media = path.StartsWith("/_matrix/media/", StringComparison.Ordinal) || path.StartsWith("/_matrix/client/v1/media/", StringComparison.Ordinal),
            PathParameters = pathParams,
            RequiredQuery = requiredQuery,
            Body = body,
        };
    }

    private static (RequestBodyShape? Body, bool Uia) DescribeBody(OpenApiTree tree, string file, object? requestBody)
    {
        requestBody = tree.Resolve(requestBody, ref file);
        if (requestBody is not Dictionary<string, object?> rb) return (null, false);
        var content = OpenApiTree.Map(OpenApiTree.Get(rb, "content")) ?? [];
        var props = new List<BodyProperty>();
        var uia = false;
        if (content.TryGetValue("application/json", out var media))
        {
            var schemaFile = file;
            var schema = Flatten(tree, OpenApiTree.Get(media, "schema"), ref schemaFile);
            var required = OpenApiTree.List(OpenApiTree.Get(schema, "required")).OfType<string>().ToHashSet();
            foreach (var (name, raw) in OpenApiTree.Map(OpenApiTree.Get(schema, "properties")) ?? [])
            {
                // A request that carries UIA has an `auth` property built on the auth_data definition.
                if (name == "auth") uia |= References(raw, "auth_data.yaml");
                if (!required.Contains(name)) continue;
                var pf = schemaFile;
                var ps = Flatten(tree, raw, ref pf);
                props.Add(new BodyProperty(name, TypeOf(ps), EnumOf(ps)));
            }
        }
        return (new RequestBodyShape
        {
            Required = OpenApiTree.Str(OpenApiTree.Get(rb, "required")) == "true",
            ContentTypes = content.Keys.Order(StringComparer.Ordinal).ToList(),
            RequiredProperties = props.OrderBy(p => p.Name, StringComparer.Ordinal).ToList(),
        }, uia);
    }

    /// <summary>Resolves a schema and merges <c>allOf</c> parts, so required keys and properties from
    /// every part are seen.</summary>
    private static Dictionary<string, object?>? Flatten(OpenApiTree tree, object? schema, ref string file)
    {
        var resolved = tree.Resolve(schema, ref file) as Dictionary<string, object?>;
        if (resolved is null || !resolved.TryGetValue("allOf", out var parts)) return resolved;
        var merged = new Dictionary<string, object?>(resolved, StringComparer.Ordinal);
        merged.Remove("allOf");
        var props = new Dictionary<string, object?>(OpenApiTree.Map(OpenApiTree.Get(resolved, "properties")) ?? [], StringComparer.Ordinal);
        var required = OpenApiTree.List(OpenApiTree.Get(resolved, "required")).ToList();
        foreach (var part in OpenApiTree.List(parts))
        {
            var partFile = file;
            var p = Flatten(tree, part, ref partFile);
            foreach (var (k, v) in OpenApiTree.Map(OpenApiTree.Get(p, "properties")) ?? []) props.TryAdd(k, v);
            required.AddRange(OpenApiTree.List(OpenApiTree.Get(p, "required")));
            if (!merged.ContainsKey("type") && OpenApiTree.Get(p, "type") is { } t) merged["type"] = t;
        }
        merged["properties"] = props;
        merged["required"] = required;
        return merged;
    }

    private static bool References(object? node, string fileName) => node switch
    {
        Dictionary<string, object?> m => m.Any(kv => kv.Key == "$ref" && kv.Value is string r && r.Contains(fileName, StringComparison.Ordinal) || References(kv.Value, fileName)),
        List<object?> l => l.Any(v => References(v, fileName)),
        _ => false,
    };

    private static string TypeOf(Dictionary<string, object?>? schema) => OpenApiTree.Get(schema, "type") switch
    {
        string s => s,
        List<object?> l => l.OfType<string>().FirstOrDefault(t => t != "null") ?? "string",
        _ => OpenApiTree.Get(schema, "properties") is not null ? "object" : "string",
    };

    private static IReadOnlyList<string>? EnumOf(object? schema) =>
        OpenApiTree.Get(schema, "enum") is List<object?> values ? values.Select(v => v?.ToString() ?? "").ToList() : null;

    private static string BasePath(Dictionary<string, object?>? doc)
    {
        var server = OpenApiTree.List(OpenApiTree.Get(doc, "servers")).FirstOrDefault();
        return OpenApiTree.Str(OpenApiTree.Get(OpenApiTree.Get(OpenApiTree.Get(server, "variables"), "basePath"), "default"))
               ?? throw new InvalidDataException("An OpenAPI file has no servers[0].variables.basePath.default.");
    }

    /// <summary>The heading-ID rule of the spec site: lower case, keep letters, digits, '-' and '_'.</summary>
    public static string Anchorize(string text)
    {
        var sb = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_') sb.Append(c);
            else if (c == ' ') sb.Append('-');
        }
        return sb.ToString();
    }
}
