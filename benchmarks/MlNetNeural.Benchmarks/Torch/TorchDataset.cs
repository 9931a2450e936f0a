using MlNetNeural.Benchmarks.Data;
using static TorchSharp.torch;

namespace MlNetNeural.Benchmarks.Torch;

/// <summary>Labelled images copied once into TorchSharp tensors: float32 [rows, features] and int64 [rows].</summary>
public sealed class TorchDataset : IDisposable
{
    /// <summary>Copies <paramref name="data"/> into tensors.</summary>
    /// <param name="data">Rows to copy.</param>
    public TorchDataset(LabelledImages data)
    {
        TorchRuntime.Initialize();
        Images = tensor(data.Images, [data.Count, data.Features]);
        Labels = tensor(data.Labels.Select(label => (long)label).ToArray());
    }

    /// <summary>Pixels, float32 [rows, features].</summary>
    public Tensor Images { get; }

    /// <summary>Class indices, int64 [rows].</summary>
    public Tensor Labels { get; }

    /// <summary>Number of rows.</summary>
    public int Count => (int)Labels.shape[0];

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
