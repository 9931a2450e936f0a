using Microsoft.ML;

namespace MlNetNeural.Tests.Reliability;

/// <summary>What loading (and then scoring) one damaged or crafted model file did.</summary>
public enum LoadOutcome
{
    /// <summary>Loading or scoring failed with an exception that explains the file is unusable.</summary>
    Refused,
    /// <summary>It loaded and scored exactly what the undamaged file scores.</summary>
    LoadedUnchanged,
    /// <summary>It loaded and scored something else: a silent change of a prediction or label.</summary>
    LoadedChanged,
    /// <summary>An exception that is a bug, not a refusal (null reference, index or overflow error, out of memory).</summary>
    Crashed,
}

/// <summary>Loads a model file in memory with a registered MLContext, scores the fuzz rows, and classifies the result, measuring the memory allocated.</summary>
public static class LoadAttempt
{
    private static readonly Type[] BugTypes =
    [
        typeof(NullReferenceException), typeof(IndexOutOfRangeException), typeof(OverflowException), typeof(OutOfMemoryException),
        typeof(AccessViolationException), typeof(InvalidCastException), typeof(DivideByZeroException), typeof(StackOverflowException),
    ];

    /// <summary>The outcome, the bytes allocated on this thread while loading, and the exception's innermost message, if any.</summary>
    public static (LoadOutcome Outcome, long AllocatedBytes, string Detail) Run(MLContext ml, FuzzedModels models, byte[] file)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        ITransformer model;
        try
        {
            model = ml.Model.Load(new MemoryStream(file, writable: false), out _);
        }
        catch (Exception e)
        {
            return (Classify(e), GC.GetAllocatedBytesForCurrentThread() - before, Describe(e));
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        try
        {
            return (models.Score(model).SequenceEqual(models.Expected) ? LoadOutcome.LoadedUnchanged : LoadOutcome.LoadedChanged, allocated, "");
        }
        catch (Exception e)
        {
            return (Classify(e), allocated, Describe(e));
        }
    }

    /// <summary>The memory bound of the issue: loading a file may take at most twice its size plus 64 MB.</summary>
    public static long Bound(byte[] file) => 2L * file.Length + (64L << 20);

    private static LoadOutcome Classify(Exception error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (BugTypes.Contains(e.GetType())) return LoadOutcome.Crashed;
        }
        return LoadOutcome.Refused;
    }

    private static string Describe(Exception error)
    {
        var inner = error.GetBaseException();
        return $"{inner.GetType().Name}: {inner.Message}";
    }
}
