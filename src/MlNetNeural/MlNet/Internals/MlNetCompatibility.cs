using System.Reflection;
using Microsoft.ML;

namespace MlNetNeural.MlNet.Internals;

/// <summary>
/// The runtime form of the internals self-check: before MlNetNeural first touches ML.NET's internals (creating a trainer,
/// registering the loader, saving or loading a model), it checks once per process that the loaded Microsoft.ML is a
/// version it supports and still has every internal member it uses (<see cref="MlNetMembers.VerifyAll"/>). Otherwise it
/// throws a <see cref="NotSupportedException"/> that names the supported versions and the loaded one, instead of failing
/// later in the middle of a save or load.
/// </summary>
internal static class MlNetCompatibility
{
    /// <summary>The Microsoft.ML versions the packages depend on (Directory.Packages.props); a later 5.x may move internals, so it is checked.</summary>
    public const string SupportedRange = "[5.0.1, 6.0.0)";

    private static readonly Version Lowest = new(5, 0, 1);
    private static readonly Version FirstUnsupported = new(6, 0, 0);
    private static readonly Lazy<string?> Problem = new(() => Check(LoadedVersion(), MlNetMembers.VerifyAll)?.Message);

    /// <summary>Throws <see cref="NotSupportedException"/> when the loaded Microsoft.ML cannot be used; checks once per process.</summary>
    public static void EnsureSupported()
    {
        if (Problem.Value is { } message) throw new NotSupportedException(message);
    }

    /// <summary>The problem with Microsoft.ML <paramref name="loaded"/> whose internals <paramref name="verifyMembers"/> checks, or null when there is none.</summary>
    /// <param name="loaded">The loaded Microsoft.ML's package version, or null when it cannot be read.</param>
    /// <param name="verifyMembers">Resolves every internal member used; throws <see cref="MissingMemberException"/> for one that is missing.</param>
    internal static NotSupportedException? Check(Version? loaded, Action verifyMembers)
    {
        string supported = $"MlNetNeural {typeof(MlNetCompatibility).Assembly.GetName().Version?.ToString(3)} supports Microsoft.ML {SupportedRange} " +
            $"(5.0.1 and later 5.x releases whose internals it verifies; tested with {MlNetMembers.PinnedVersion})";
        if (loaded is null || loaded < Lowest || loaded >= FirstUnsupported)
        {
            return new NotSupportedException(
                $"{supported}, but this process loaded Microsoft.ML {loaded?.ToString() ?? "of an unknown version"}. " +
                $"Reference a Microsoft.ML version in {SupportedRange}, or an MlNetNeural release built for the Microsoft.ML you use.");
        }
        try
        {
            verifyMembers();
            return null;
        }
        catch (MissingMemberException e)
        {
            return new NotSupportedException(
                $"{supported}, but the loaded Microsoft.ML {loaded} has moved an internal member MlNetNeural needs to save, load or train models ({e.Message}) " +
                $"Reference Microsoft.ML {MlNetMembers.PinnedVersion}, or an MlNetNeural release that supports Microsoft.ML {loaded}.", e);
        }
    }

    /// <summary>The loaded Microsoft.ML's package version (its informational version, e.g. "5.0.1+commit"), or null.</summary>
    private static Version? LoadedVersion()
    {
        string? informational = typeof(MLContext).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational is not null && Version.TryParse(informational.Split('+', '-')[0], out var version) ? version : null;
    }
}
