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

/// <summary>The one mapping between <see cref="TargetKind"/> and the names profiles and results.json use.</summary>
public static class TargetKinds
{
    public static TargetKind Of(TargetProfile profile) => Parse(profile.Target.Kind);

    public static TargetKind Parse(string name) => name switch
    {
        "embedded" => TargetKind.Embedded,
        "url" => TargetKind.Url,
        "container" => TargetKind.Container,
        _ => throw new ProfileException($"target.kind is '{name}'; expected one of: embedded, url, container."),
    };

    public static string Name(this TargetKind kind) => kind switch
    {
        TargetKind.Embedded => "embedded",
        TargetKind.Url => "url",
        TargetKind.Container => "container",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
