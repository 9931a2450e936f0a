namespace MlNetNeural.Core.Training;

/// <summary>How a network's first layer scales its inputs, fitted on the training rows (see <see cref="InputScalingFit"/>).</summary>
/// <remarks>The numeric values are stable; never renumber them.</remarks>
public enum InputScaling
{
    /// <summary>No scaling: the features go to the first dense layer as they are.</summary>
    None = 0,
    /// <summary>(x − mean) / standard deviation per feature.</summary>
    Standardize = 1,
    /// <summary>
    /// (x − median) / interquartile range per feature (RealMLP, Holzmüller et al. 2024), so outliers do not decide the
    /// scale. Where the quartiles coincide (one value, often 0, holds half the rows or more) the interquartile range of
    /// the other values is used, so a mostly zero amount keeps its non-zero values apart; where those have no spread
    /// either (a binary feature), half the range.
    /// </summary>
    Robust = 2,
}
