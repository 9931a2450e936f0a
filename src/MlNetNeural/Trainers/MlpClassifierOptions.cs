namespace MlNetNeural.Trainers;

/// <summary>Options shared by the MLP classifiers (binary and multiclass).</summary>
public abstract class MlpClassifierOptions : MlpTrainerOptions
{
    /// <summary>
    /// Label smoothing ε in [0, 1) (Szegedy et al. 2016): the training target keeps 1 − ε on the true class and spreads
    /// ε evenly over all classes, which discourages over-confident logits. Default 0.
    /// </summary>
    public float LabelSmoothing { get; set; }
}
