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
}

/// <summary>The names profiles and results.json use for each kind (the profile binder maps them by the
/// same kebab-case rule).</summary>
public static class TargetKinds
{
    public static TargetKind Of(TargetProfile profile) => profile.Target.Kind;

    public static string Name(this TargetKind kind) => kind.ToString().ToLowerInvariant();
}
