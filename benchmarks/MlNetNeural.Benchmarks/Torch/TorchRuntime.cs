using MlNetNeural.Benchmarks.Workloads;
using TorchSharp;

namespace MlNetNeural.Benchmarks.Torch;

/// <summary>Process-wide TorchSharp settings shared by every TorchSharp benchmark.</summary>
public static class TorchRuntime
{
    /// <summary>
    /// Loads libtorch and limits it to <see cref="WorkloadW.Threads"/> intra-op threads, the same budget
    /// our trainer gets. Safe to call more than once.
    /// </summary>
    /// <exception cref="InvalidOperationException">The native libraries did not load; the message says why and what to check.</exception>
    public static void Initialize()
    {
        try
        {
            torch.set_num_threads(WorkloadW.Threads);
        }
        catch (Exception e) when (e is not InvalidOperationException)
        {
            throw new InvalidOperationException(
                "TorchSharp's native libraries did not load. On Debian 12 the shim libLibTorchSharp.so needs the " +
                "GLIBCXX_3.4.32 patch that build/TorchSharpShimPatch.targets applies after every build: rebuild with " +
                "'dotnet build -c Release benchmarks/MlNetNeural.Benchmarks' and check the build log for " +
                "'Marked the GLIBCXX_3.4.32 requirement ... weak'. TorchSharp said: " +
                e.GetBaseException().Message.Split('\n')[0], e);
        }
    }
}
