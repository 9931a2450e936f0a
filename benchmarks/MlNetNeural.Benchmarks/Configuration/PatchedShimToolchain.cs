using System.Reflection;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Characteristics;
using BenchmarkDotNet.Toolchains;
using BenchmarkDotNet.Toolchains.CsProj;
using BenchmarkDotNet.Toolchains.DotNetCli;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>
/// BenchmarkDotNet's ordinary out-of-process toolchain (generate a child project, build it, run each
/// benchmark in its own process), with one addition: the generated child project imports
/// build/TorchSharpShimPatch.targets, so its build patches the copy of TorchSharp's native shim that
/// it places in its own bin folder.
/// </summary>
/// <remarks>
/// Why not the in-process toolchain, which would simply use this project's already patched bin folder?
/// The "malloc without trimming" job needs glibc tunables that are read once at process start
/// (MALLOC_TRIM_THRESHOLD_, MALLOC_MMAP_THRESHOLD_); only an out-of-process toolchain starts a fresh
/// process per job with the job's environment variables, so both modes run from one command and each
/// benchmark keeps the process isolation BenchmarkDotNet recommends. The child project sets
/// ImportDirectoryBuildTargets=false and copies the shim straight from the NuGet package cache, so
/// nothing in this project's own build can reach it; an Import inside the child project can.
/// </remarks>
public static class PatchedShimToolchain
{
    /// <summary>
    /// BenchmarkDotNet's own .NET 10 settings. Their null paths mean "the dotnet on PATH, the default package
    /// folder"; CsProjCoreToolchain passes the same nulls, the constructors are merely not annotated nullable.
    /// </summary>
    private static readonly NetCoreAppSettings Settings = NetCoreAppSettings.NetCoreApp10_0;

    /// <summary>The toolchain: BenchmarkDotNet's .NET 10 CsProj toolchain plus the patch import.</summary>
    public static IToolchain Create() => new Toolchain(
        $"CsProj {Settings.TargetFrameworkMoniker} + patched TorchSharp shim",
        new Generator(PatchTargetsPath()),
        new DotNetCliBuilder(Settings.TargetFrameworkMoniker, Settings.CustomDotNetCliPath!, logOutput: false),
        new DotNetCliExecutor(Settings.CustomDotNetCliPath!));

    /// <summary>The patch targets file, as recorded at build time by the project file.</summary>
    private static string PatchTargetsPath()
    {
        string? path = typeof(PatchedShimToolchain).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "TorchSharpShimPatchTargets")?.Value;
        if (path is null || !File.Exists(path))
            throw new FileNotFoundException(
                $"The TorchSharp shim patch targets file was not found at '{path ?? "(not recorded)"}'. " +
                "Run the benchmarks from a source checkout: dotnet run -c Release --project benchmarks/MlNetNeural.Benchmarks",
                path);
        return path;
    }

    private sealed class Generator(string patchTargetsPath) : CsProjGenerator(
        Settings.TargetFrameworkMoniker, Settings.CustomDotNetCliPath!, Settings.PackagesPath!, Settings.RuntimeFrameworkVersion!, isNetCore: true)
    {
        protected override string GetRuntimeSettings(GcMode gcMode, IResolver resolver)
            => base.GetRuntimeSettings(gcMode, resolver) + $"""
                 <Import Project="{patchTargetsPath}" />
               """;
    }
}
