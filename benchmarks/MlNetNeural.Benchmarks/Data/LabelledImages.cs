namespace MlNetNeural.Benchmarks.Data;

/// <summary>Images as one contiguous row-major matrix plus one class label per image.</summary>
/// <param name="Images">Count × <paramref name="Features"/> values, row-major, scaled to [0, 1].</param>
/// <param name="Labels">One class index per image.</param>
/// <param name="Features">Values per image.</param>
public sealed record LabelledImages(float[] Images, int[] Labels, int Features)
{
    /// <summary>Number of images.</summary>
    public int Count => Labels.Length;
}
