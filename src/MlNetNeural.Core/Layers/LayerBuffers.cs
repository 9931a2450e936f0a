namespace MlNetNeural.Core.Layers;

/// <summary>Per-batch working memory of one layer: its output and whatever it must remember for the backward pass.</summary>
public class LayerBuffers
{
    /// <summary>Allocates an output buffer of <paramref name="outputLength"/> values.</summary>
    /// <param name="outputLength">maxBatch × output size.</param>
    public LayerBuffers(int outputLength) => Output = new float[outputLength];

    /// <summary>The layer's output for the current batch (row-major, the first batch × output size values are valid).</summary>
    public float[] Output { get; }
}
