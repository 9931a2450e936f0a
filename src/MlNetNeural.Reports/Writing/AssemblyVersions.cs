using System.Reflection;

namespace MlNetNeural.Reports.Writing;

/// <summary>The version an assembly reports about itself, without build metadata.</summary>
internal static class AssemblyVersions
{
    /// <summary>The informational version (e.g. "5.0.1") without "+commit", or the assembly version, or "unknown".</summary>
    public static string Of(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
        var buildMetadata = version.IndexOf('+');
        return buildMetadata < 0 ? version : version[..buildMetadata];
    }
}
