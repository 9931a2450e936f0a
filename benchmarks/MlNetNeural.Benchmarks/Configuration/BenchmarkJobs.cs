using BenchmarkDotNet.Jobs;

namespace MlNetNeural.Benchmarks.Configuration;

/// <summary>
/// The two process setups every training benchmark runs under. Both use <see cref="PatchedShimToolchain"/>
/// (out of process), so each job starts its own process with its own environment.
/// </summary>
public static class BenchmarkJobs
{
    /// <summary>glibc's default: free() gives memory back to the system (trims the heap, unmaps large blocks).</summary>
    public const string AsShippedId = "AsShipped";

    /// <summary>glibc told to keep freed memory: no heap trimming, and blocks up to 32 MiB come from the heap instead of fresh mmap.</summary>
    public const string MallocKeepId = "MallocKeep";

    /// <summary>
    /// Largest mmap threshold glibc accepts on 64-bit (HEAP_MAX_SIZE / 2 = 32 MiB); larger values are
    /// silently ignored. Every per-step buffer of workload W (at most 784×256 floats) is below it.
    /// </summary>
    public const string MmapThresholdBytes = "33554432";

    /// <summary>Heap trimming only happens when this much is free at the top of the heap: effectively never.</summary>
    public const string TrimThresholdBytes = "17179869184";

    /// <summary>A job as a user runs it: no environment changes.</summary>
    public static Job AsShipped() => Job.Default
        .WithToolchain(PatchedShimToolchain.Create())
        .WithId(AsShippedId);

    /// <summary>
    /// A job whose process starts with MALLOC_TRIM_THRESHOLD_ and MALLOC_MMAP_THRESHOLD_ set, so libtorch's
    /// freed per-step tensors are reused instead of being returned to the kernel and faulted in again.
    /// glibc reads these once at start-up, which is why this needs its own process.
    /// </summary>
    public static Job MallocKeep() => Job.Default
        .WithToolchain(PatchedShimToolchain.Create())
        .WithEnvironmentVariables(
            new EnvironmentVariable("MALLOC_TRIM_THRESHOLD_", TrimThresholdBytes),
            new EnvironmentVariable("MALLOC_MMAP_THRESHOLD_", MmapThresholdBytes))
        .WithId(MallocKeepId);
}
