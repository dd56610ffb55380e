using YamlDotNet.Serialization;

namespace Conformance.Harness.Catalogue;

/// <summary>
/// The spec's OpenAPI files as plain trees (maps, lists, strings), with <c>$ref</c> resolution across
/// files. A reference that leaves the copied folders (event schemas) resolves to null: the generator
/// only needs operation-level facts, never the event schemas.
/// </summary>
public sealed class OpenApiTree(string apiFolder)
{
    private readonly Dictionary<string, Dictionary<string, object?>?> _files = new(StringComparer.Ordinal);
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    public string ApiFolder { get; } = Path.GetFullPath(apiFolder);

    public IEnumerable<string> TopLevelFiles() =>
        Directory.GetFiles(ApiFolder, "*.yaml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);

    public Dictionary<string, object?>? Load(string relativeFile)
    {
        var full = Path.GetFullPath(Path.Combine(ApiFolder, relativeFile));
        if (_files.TryGetValue(full, out var cached)) return cached;
        Dictionary<string, object?>? doc = null;
        if (File.Exists(full))
            doc = Normalise(Yaml.Deserialize<object>(File.ReadAllText(full))) as Dictionary<string, object?>;
        _files[full] = doc;
        return doc;
    }

    /// <summary>Follows <c>$ref</c> chains. <paramref name="file"/> is the file the node came from and is
    /// updated to the file the resolved node lives in.</summary>
    public object? Resolve(object? node, ref string file)
    {
        for (var hops = 0; hops < 20; hops++)
        {
            if (node is not Dictionary<string, object?> map || !map.TryGetValue("$ref", out var r) || r is not string reference)
                return node;
            var hash = reference.IndexOf('#');
            var filePart = hash < 0 ? reference : reference[..hash];
            var pointer = hash < 0 ? "" : reference[(hash + 1)..];
            if (filePart.Length > 0)
                file = Path.GetRelativePath(ApiFolder, Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.Combine(ApiFolder, file))!, filePart)));
            object? target = Load(file);
            foreach (var segment in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
                target = target is Dictionary<string, object?> m && m.TryGetValue(segment.Replace("~1", "/").Replace("~0", "~"), out var next) ? next : null;
            node = target;
        }
        throw new InvalidDataException($"$ref chain too long in {file}");
    }

    public static Dictionary<string, object?>? Map(object? node) => node as Dictionary<string, object?>;
    public static List<object?> List(object? node) => node as List<object?> ?? [];
    public static string? Str(object? node) => node as string;
    public static object? Get(object? node, string key) => node is Dictionary<string, object?> m && m.TryGetValue(key, out var v) ? v : null;

    private static object? Normalise(object? node) => node switch
    {
        Dictionary<object, object?> m => m.ToDictionary(kv => Convert.ToString(kv.Key, System.Globalization.CultureInfo.InvariantCulture)!, kv => Normalise(kv.Value), StringComparer.Ordinal),
        List<object?> l => l.Select(Normalise).ToList(),
        _ => node,
    };
}
