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
    /// (x − median) / interquartile range per feature, falling back to half the range when the quartiles coincide
    /// (as RealMLP does, Holzmüller et al. 2024), so outliers do not decide the scale.
    /// </summary>
    Robust = 2,
}
