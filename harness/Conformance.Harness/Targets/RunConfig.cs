using System.Text.Json;
using Conformance.Harness.Profiles;

namespace Conformance.Harness.Targets;

/// <summary>
/// What the runner hands each suite process: the target, the profile as loaded, the credentials in effect,
/// what the target said about itself, and where to write results. It holds secrets, so it travels in a
/// file only its owner can read (mode 0600, created new, never over an existing file), which the suite
/// deletes as soon as it has read it and the runner deletes when the suite ends. The environment only
/// says where the file is: a profile of any size fits, where an environment variable has a size limit.
/// </summary>
public sealed record RunConfig
{
    /// <summary>The environment variable that names the file.</summary>
    public const string FileVariable = "CONFORMANCE_RUN_CONFIG_FILE";

    public required string RunId { get; init; }
    public required string TargetName { get; init; }
    public required TargetKind TargetKind { get; init; }
    public required string TargetUrl { get; init; }
    public required TargetProfile Profile { get; init; }
    public string? ProfilePath { get; init; }
    public RunCredentials Credentials { get; init; } = new(SharedSecret: null);
    /// <summary>Container-internal origins the server may advertise, and their published origins.</summary>
    public OriginAliases Aliases { get; init; } = OriginAliases.None;
    /// <summary>What the runner's probe found; null when a suite runs on its own and must probe itself.</summary>
    public TargetIdentity? Identity { get; init; }
    /// <summary>Where the suite writes its results (a part of results.json).</summary>
    public required string PartFile { get; init; }
    /// <summary>The run's output folder; evidence such as screenshots goes under it.</summary>
    public required string OutDir { get; init; }
    public int? ParentProcessId { get; init; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RunConfig FromJson(string json) =>
        JsonSerializer.Deserialize<RunConfig>(json, Json) ?? throw new InvalidDataException("The run configuration file holds no run configuration.");

    /// <summary>Writes the configuration to a new file in <paramref name="folder"/> that only this user can
    /// read; returns its path. The caller deletes it.</summary>
    public string WritePrivateFile(string folder)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"conformance-run-{RunId}-{Guid.NewGuid():N}.json");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(file, options);
        using var writer = new StreamWriter(stream);
        writer.Write(ToJson());
        return file;
    }

    /// <summary>The runner's configuration, read from the file the environment names and then deleted;
    /// null when the suite runs on its own.</summary>
    public static RunConfig? FromEnvironment() =>
        Environment.GetEnvironmentVariable(FileVariable) is { Length: > 0 } file ? FromFile(file) : null;

    /// <summary>Reads the configuration and deletes the file: it holds secrets, and is needed only once.</summary>
    public static RunConfig FromFile(string file)
    {
        try { return FromJson(File.ReadAllText(file)); }
        finally { File.Delete(file); }
    }
}
