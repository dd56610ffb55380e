using System.Text.Json.Serialization;
using Conformance.Harness.Profiles;

namespace Conformance.Harness.Targets;

/// <summary>How a run gets its target. A profile's <c>target.kind</c> names one.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TargetKind>))]
public enum TargetKind
{
    /// <summary>The reference homeserver, started in this process (<c>embedded</c>).</summary>
    Embedded,
    /// <summary>A server already running at a URL, which the run only reaches (<c>url</c>).</summary>
    Url,
    /// <summary>A server the run starts in a container from an image (<c>container</c>).</summary>
    Container,
    /// <summary>An image built to Complement's contract (<c>complement</c>): started the way Complement
    /// starts it, with users made the way Complement makes them, so it needs no profile.</summary>
    Complement,
}

/// <summary>The names profiles and results.json use for each kind (the profile binder maps them by the
/// same kebab-case rule).</summary>
public static class TargetKinds
{
    public static TargetKind Of(TargetProfile profile) => profile.Target.Kind;

    public static string Name(this TargetKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>Kinds whose server runs in a container the run starts.</summary>
    public static bool StartsContainer(this TargetKind kind) => kind is TargetKind.Container or TargetKind.Complement;
}
