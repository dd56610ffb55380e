using YamlDotNet.RepresentationModel;

namespace Conformance.Harness.Catalogue;

/// <summary>
/// Copies the spec's Client-Server OpenAPI data into the checkout with its prose removed
/// (descriptions, summaries, examples), keeping only the structure the catalogue is generated from.
/// The copy lets a fresh clone regenerate and verify the catalogue without the upstream tree.
/// </summary>
public static class SpecVendor
{
    private static readonly HashSet<string> ProseKeys = ["description", "summary", "example", "examples", "title"];

    public static int Vendor(string upstreamSpecRoot, string targetFolder)
    {
        var source = Path.Combine(upstreamSpecRoot, "data", "api", "client-server");
        if (!Directory.Exists(source))
            throw new DirectoryNotFoundException($"{source} does not exist: pass the folder that holds data/api/client-server.");
        var target = Path.Combine(targetFolder, "client-server");
        if (Directory.Exists(target)) Directory.Delete(target, recursive: true);
        var count = 0;
        foreach (var file in Directory.GetFiles(source, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(source, file);
            var destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            var stream = new YamlStream();
            using (var reader = new StreamReader(file)) stream.Load(reader);
            foreach (var doc in stream.Documents) Strip(doc.RootNode, parentKey: null);
            using var writer = new StringWriter();
            stream.Save(writer, assignAnchors: false);
            var text = writer.ToString().Replace("\r\n", "\n");
            if (text.EndsWith("...\n", StringComparison.Ordinal)) text = text[..^4];
            File.WriteAllText(destination, "# Derived from matrix-org/matrix-spec (Apache-2.0); prose removed. See ../SOURCE.md.\n" + text);
            count++;
        }
        var license = Path.Combine(upstreamSpecRoot, "LICENSE");
        if (File.Exists(license)) File.Copy(license, Path.Combine(targetFolder, "LICENSE"), overwrite: true);
        return count;
    }

    private static void Strip(YamlNode node, string? parentKey)
    {
        switch (node)
        {
            case YamlMappingNode map:
                // Keys directly under `properties` are field names (a room's `summary`, say), not prose.
                var inProperties = parentKey is "properties" or "patternProperties";
                foreach (var key in map.Children.Keys.OfType<YamlScalarNode>().Where(k => !inProperties && ProseKeys.Contains(k.Value!)).ToList())
                    map.Children.Remove(key);
                foreach (var (key, value) in map.Children)
                {
                    var name = (key as YamlScalarNode)?.Value;
                    // The change notes are prose; keep the versions they belong to.
                    if (!inProperties && name == "x-changedInMatrixVersion" && value is YamlMappingNode changes)
                    {
                        foreach (var version in changes.Children.Keys.ToList()) changes.Children[version] = new YamlScalarNode("");
                        continue;
                    }
                    Strip(value, name);
                }
                break;
            case YamlSequenceNode seq:
                foreach (var child in seq.Children) Strip(child, parentKey);
                break;
        }
    }
}
