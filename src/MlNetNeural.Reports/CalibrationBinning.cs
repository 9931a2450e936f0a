namespace MlNetNeural.Reports;

/// <summary>How the calibration (reliability) curve groups rows by predicted probability.</summary>
public enum CalibrationBinning
{
    /// <summary>
    /// Bins of (nearly) equal row counts: rows sorted by probability and cut into equal shares, rows with the same
    /// probability kept together. Every marker rests on about n / bins rows, so none is a one-row accident. The default.
    /// </summary>
    Quantile = 0,

    /// <summary>Bins of equal probability width over [0, 1]; bins can hold very few rows where predictions are rare.</summary>
    EqualWidth = 1,
}
