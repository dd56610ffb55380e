using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Harness.Profiles;
using Conformance.Harness.Results;
using Conformance.Tests.Support;
using Xunit;

namespace Conformance.Tests;

/// <summary>
/// The documentation is part of the product: a user writes a profile from it, so every profile it shows
/// must load with the suite's own loader, and every other YAML block must be what it says it is. The
/// README stays a short front page, every check is in the check table, links between the pages resolve,
/// and no file points at a document a clone does not have.
/// </summary>
public sealed partial class DocsTests
{
    private static readonly string Root = Repo.Layout.Root;

    /// <summary>Top-level keys of which a profile has at least one besides <c>name</c>.</summary>
    private static readonly string[] ProfileSections = ["target", "users", "web", "oauth", "lock"];

    /// <summary>Top-level keys of GitHub workflow and action files, which are validated elsewhere.</summary>
    private static readonly string[] WorkflowKeys = ["on", "jobs", "runs"];

    public static TheoryData<string, int> YamlBlockPlaces()
    {
        var places = new TheoryData<string, int>();
        foreach (var block in YamlBlocks()) places.Add(block.File, block.Line);
        return places;
    }

    [Theory, MemberData(nameof(YamlBlockPlaces))]
    public void Every_yaml_block_in_the_docs_binds_to_what_it_claims_to_be(string file, int line)
    {
        var block = YamlBlocks().Single(b => b.File == file && b.Line == line);
        var scratch = Scratch(block.Text, ".yaml");
        try
        {
            var root = YamlJson.Load(scratch) as JsonObject;
            Assert.True(root is not null, $"{block}: not a YAML mapping.");
            var keys = root!.Select(kv => kv.Key).ToHashSet();
            if (keys.Overlaps(WorkflowKeys)) return;
            if (keys.Contains("name") && keys.Overlaps(ProfileSections)) LoadsAsProfile(block);
            else if (keys.SetEquals(["target", "entries"])) Assert.NotEmpty(Baseline.Load(scratch).Entries);
            else if (keys.SetEquals(["checks"])) IsRealCatalogueRow(block, scratch);
            else if (keys.SetEquals(["defects"])) IsRealDefectEntry(block, scratch);
            else Assert.Fail($"{block}: neither a profile, a baseline, a check catalogue row, a defect entry nor a GitHub workflow (keys: {string.Join(", ", keys)}).");
        }
        finally
        {
            File.Delete(scratch);
        }
    }

    [Fact]
    public void The_profile_examples_show_what_servers_built_differently_need()
    {
        var profiles = string.Join("\n", YamlBlocks().Select(b => b.Text));
        foreach (var field in new[] { "confirm_per_action:", "optional: true", "sign_in_page:", "client_id:", "client_secret:", "redirect_uri:", "deactivate: synapse-admin", "method: given" })
            Assert.True(profiles.Contains(field, StringComparison.Ordinal), $"No YAML example in README.md or docs/ shows '{field}'.");
        var roles = File.ReadAllText(Path.Combine(Root, "docs", "profiles.md"));
        foreach (var role in ProfileLoader.AccountRoles)
            Assert.True(roles.Contains($"`{role}`", StringComparison.Ordinal), $"docs/profiles.md does not name the role {role}.");
    }

    [Fact]
    public void The_README_is_a_short_front_page_that_starts_with_the_two_commands()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        Assert.True(readme.Length < 12_000, $"README.md has {readme.Length} characters; move long sections to docs/ (the limit is 12,000).");
        var firstScreen = string.Join("\n", readme.Split('\n').Take(25));
        Assert.Contains("./run.sh", firstScreen);
        Assert.Contains("./test.sh", firstScreen);
    }

    [Fact]
    public void Every_check_is_in_the_check_table()
    {
        var table = File.ReadAllText(Path.Combine(Root, "docs", "checks.md"));
        var missing = CheckCatalogue.Load(Repo.Layout.CheckCatalogueFile).Checks.Select(c => c.Id)
            .Where(id => !Regex.IsMatch(table, $@"\| {Regex.Escape(id)} \|")).ToList();
        Assert.True(missing.Count == 0, $"docs/checks.md has no row for {string.Join(", ", missing)}.");
    }

    /// <summary>Relative links in README.md and docs/*.md name files that exist, and headings that exist in them.</summary>
    [Fact]
    public void Links_between_the_pages_resolve()
    {
        var problems = new List<string>();
        foreach (var page in Pages())
        {
            var text = File.ReadAllText(Path.Combine(Root, page));
            foreach (Match m in MarkdownLink().Matches(WithoutCode(text)))
            {
                var target = m.Groups["target"].Value;
                if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
                var (path, anchor) = target.Split('#', 2) is [var p, var a] ? (p, a) : (target, null);
                var file = path.Length == 0 ? Path.Combine(Root, page) : Path.GetFullPath(Path.Combine(Root, Path.GetDirectoryName(page)!, path));
                if (!File.Exists(file) && !Directory.Exists(file)) problems.Add($"{page}: {target}: no such file");
                else if (anchor is not null && file.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(file)).Contains(anchor))
                    problems.Add($"{page}: {target}: no heading with that anchor");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>A clone alone must resolve everything the product cites: no file may point at a document
    /// that lives outside the repository (a requirements file, a shared folder, a path on one machine).</summary>
    [Fact]
    public void No_file_refers_to_a_document_outside_the_repository()
    {
        // Spelt in pieces, so this file does not match itself.
        var outside = new Regex(string.Join("|",
            Regex.Escape("requirements" + ".md"), "requirements" + @"\s*§", Regex.Escape(".." + "/shared"), Regex.Escape("/" + "work/")));
        var problems = new List<string>();
        var files = RepositoryFiles().ToList();
        Assert.True(files.Count > 100, $"Only {files.Count} files found in the checkout.");
        foreach (var relative in files)
        {
            var bytes = File.ReadAllBytes(Path.Combine(Root, relative));
            if (Array.IndexOf(bytes, (byte)0) >= 0) continue; // binary
            var lines = Encoding.UTF8.GetString(bytes).Split('\n');
            for (var i = 0; i < lines.Length; i++)
                if (outside.Match(lines[i]) is { Success: true } m) problems.Add($"{relative}:{i + 1}: {m.Value}");
        }
        Assert.True(problems.Count == 0, "References to documents outside the repository:\n" + string.Join("\n", problems));
    }

    private sealed record Block(string File, int Line, string Text)
    {
        public override string ToString() => $"{File}, the ```yaml block at line {Line}";
    }

    private static IEnumerable<string> Pages() =>
        new[] { "README.md" }.Concat(Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Select(f => Path.GetRelativePath(Root, f)).Order(StringComparer.Ordinal));

    private static IEnumerable<Block> YamlBlocks()
    {
        foreach (var page in Pages())
        {
            var lines = File.ReadAllLines(Path.Combine(Root, page));
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].Trim() != "```yaml") continue;
                var start = i + 1;
                var end = start;
                while (end < lines.Length && lines[end].Trim() != "```") end++;
                yield return new Block(page, start, string.Join("\n", lines[start..end]) + "\n");
                i = end;
            }
        }
    }

    /// <summary>A profile example is loaded from fixtures/profiles/, beside the committed profiles, so the
    /// files it names resolve as theirs do. Every environment variable it names has a value.</summary>
    private static void LoadsAsProfile(Block block)
    {
        var file = Path.Combine(Root, "fixtures", "profiles", $"docs-example-{Guid.NewGuid():N}.tmp");
        File.WriteAllText(file, block.Text);
        try
        {
            var profile = ProfileLoader.Load(file, environment: name => $"example-{name.ToLowerInvariant()}");
            Assert.False(string.IsNullOrEmpty(profile.Name), block.ToString());
        }
        catch (ProfileException e)
        {
            Assert.Fail($"{block}: the profile does not load: {e.Message}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A catalogue row shown in the docs binds as checks.yaml does, and is the real row.</summary>
    private static void IsRealCatalogueRow(Block block, string scratch)
    {
        var real = CheckCatalogue.Load(Repo.Layout.CheckCatalogueFile);
        foreach (var row in YamlJson.Bind<CheckCatalogue>(scratch).Checks)
        {
            Assert.True(real.Contains(row.Id), $"{block}: {row.Id} is not in fixtures/catalogue/checks.yaml.");
            var committed = real[row.Id];
            Assert.Equal((committed.Area, committed.Family, committed.Title, committed.Level, committed.Requirement), (row.Area, row.Family, row.Title, row.Level, row.Requirement));
        }
    }

    /// <summary>A defect entry shown in the docs binds as defects.yaml does, and is a real defect.</summary>
    private static void IsRealDefectEntry(Block block, string scratch)
    {
        var real = DefectCatalogue.Load(Repo.File("fixtures/reference-homeserver/defects.yaml")).Defects.ToDictionary(d => d.Name);
        foreach (var shown in DefectCatalogue.Load(scratch).Defects)
        {
            Assert.True(real.TryGetValue(shown.Name, out var committed), $"{block}: {shown.Name} is not in defects.yaml.");
            Assert.Equal(committed!.Trips.Select(t => t.ToString()), shown.Trips.Select(t => t.ToString()));
        }
    }

    private static string Scratch(string text, string extension)
    {
        var file = Path.Combine(Path.GetTempPath(), "conformance-tests", $"docs-{Guid.NewGuid():N}{extension}");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        return file;
    }

    /// <summary>The files of the checkout: tracked and new ones (git's view, ignoring what .gitignore
    /// ignores); without git, every file outside build output.</summary>
    private static IEnumerable<string> RepositoryFiles()
    {
        try
        {
            var git = Process.Start(new ProcessStartInfo("git", ["-C", Root, "ls-files", "-z", "--cached", "--others", "--exclude-standard"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var listing = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            if (git.ExitCode == 0)
                return listing.Split('\0', StringSplitOptions.RemoveEmptyEntries).Where(f => File.Exists(Path.Combine(Root, f)));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No git on this machine: walk the tree instead.
        }
        string[] skipped = ["artifacts", "bin", "obj", "node_modules", "reports", ".git"];
        return Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Root, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(skipped.Contains));
    }

    /// <summary>The anchors GitHub gives a page's headings: lower case, punctuation dropped, spaces as dashes.</summary>
    private static HashSet<string> Anchors(string markdown) =>
        WithoutCode(markdown).Split('\n').Where(l => l.StartsWith('#'))
            .Select(l => Regex.Replace(l.TrimStart('#').Trim().ToLowerInvariant(), @"[^\p{L}\p{N} _-]", "").Replace(' ', '-'))
            .ToHashSet();

    private static string WithoutCode(string markdown) => CodeBlock().Replace(markdown, "");

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
