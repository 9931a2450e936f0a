using System.Globalization;
using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Optimizers;

namespace MlNetNeural.Core.Training;

/// <summary>
/// The memory training a network takes, estimated from its shape before anything is allocated: per parameter its value,
/// its gradient, the optimizer's state and the kept copy of the weights; per layer its output and backward buffers for a
/// mini-batch and for validation batches. A network whose estimate exceeds what the process may use, or one of whose
/// arrays would be longer than .NET allows, is refused at once with its size, instead of failing minutes later with an
/// <see cref="OutOfMemoryException"/> or an <see cref="OverflowException"/>.
/// </summary>
internal static class TrainingMemory
{
    /// <summary>Float arrays per row of a layer's output kept for training: the output, the value the backward pass needs (pre-activation or mask) and the gradient.</summary>
    private const int BuffersPerOutput = 3;

    /// <summary>Rows per validation batch (<see cref="NetworkEvaluator"/>).</summary>
    private const int EvaluationRows = 256;

    /// <summary>Throws <see cref="NetworkTooLargeException"/> when training <paramref name="architecture"/> with <paramref name="settings"/> cannot fit.</summary>
    /// <param name="architecture">The network to build.</param>
    /// <param name="settings">How it will be trained.</param>
    /// <param name="trainingRows">Rows of training data (mini-batches are no larger).</param>
    /// <param name="validates">Whether validation batches will be evaluated.</param>
    public static void Check(NetworkArchitecture architecture, TrainerSettings settings, int trainingRows, bool validates)
    {
        int batch = Math.Max(1, Math.Min(settings.BatchSize, trainingRows)), evaluationRows = validates ? EvaluationRows : 0;
        long parameters = 0, rowValues = 0;
        int width = architecture.InputSize;
        for (int i = 0; i < architecture.Layers.Count; i++)
        {
            var size = architecture.Layers[i].SizeFor(width);
            long largestArray = Math.Max(size.Parameters, (long)Math.Max(batch, evaluationRows) * size.OutputSize);
            if (largestArray > Array.MaxLength)
                throw new NetworkTooLargeException(architecture.InputSize, parameters + size.Parameters, 0, 0, i, size.OutputSize, largestArray);
            parameters += size.Parameters;
            rowValues += size.OutputSize;
            width = size.OutputSize;
        }
        long perParameter = sizeof(float) * (3L + StateSlots(settings.Optimizer.Kind));
        long needed = parameters * perParameter + rowValues * sizeof(float) * (BuffersPerOutput * (long)batch + evaluationRows);
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (needed > available) throw new NetworkTooLargeException(architecture.InputSize, parameters, needed, available, -1, 0, 0);
    }

    /// <summary>Float values of optimizer state per parameter: Adam's two moments, SGD's velocity.</summary>
    private static int StateSlots(OptimizerKind kind) => kind is OptimizerKind.Sgd ? 1 : 2;
}

/// <summary>Thrown before training when a network is too large to train in this process; says how large and why.</summary>
public sealed class NetworkTooLargeException : ArgumentException
{
    internal NetworkTooLargeException(int inputs, long parameters, long neededBytes, long availableBytes, int layer, int layerOutputs, long arrayLength)
        : base(Describe(inputs, parameters, neededBytes, availableBytes, layer, layerOutputs, arrayLength))
    {
        Parameters = parameters;
        NeededBytes = neededBytes;
        AvailableBytes = availableBytes;
    }

    /// <summary>Trainable values of the network (of the layers up to the one refused, when one array is too long).</summary>
    public long Parameters { get; }

    /// <summary>Estimated bytes training needs, or 0 when one array alone is too long.</summary>
    public long NeededBytes { get; }

    /// <summary>Bytes this process may use (the GC's available memory), or 0 when one array alone is too long.</summary>
    public long AvailableBytes { get; }

    private static string Describe(int inputs, long parameters, long needed, long available, int layer, int layerOutputs, long arrayLength) =>
        layer >= 0
            ? string.Create(CultureInfo.InvariantCulture,
                $"Layer {layer} of the network on {inputs:N0} inputs has {layerOutputs:N0} outputs: one of its arrays would hold {arrayLength:N0} values, more than .NET allows in an array ({Array.MaxLength:N0}). Use fewer units per layer or smaller mini-batches.")
            : string.Create(CultureInfo.InvariantCulture,
                $"The network on {inputs:N0} inputs has {parameters:N0} weights; training it needs about {needed / 1e9:N1} GB (weights, gradients, optimizer state and mini-batch buffers), more than the {available / 1e9:N1} GB this process may use. Use fewer or narrower hidden layers, or smaller mini-batches.");
}
