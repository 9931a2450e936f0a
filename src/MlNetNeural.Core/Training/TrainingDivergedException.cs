namespace MlNetNeural.Core.Training;

/// <summary>Thrown when the training loss becomes NaN or infinite before any epoch produced usable weights.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="epoch">Epoch (from 1) in which the loss diverged.</param>
    /// <param name="learningRate">The learning rate in use.</param>
    public TrainingDivergedException(int epoch, float learningRate)
        : base($"Training diverged in epoch {epoch}: the loss became NaN or infinite at learning rate {learningRate}. " +
               "Lower the learning rate (for example by a factor of 10), normalise the features, or set a gradient clip norm.")
    {
        Epoch = epoch;
        LearningRate = learningRate;
    }

    /// <summary>Epoch (from 1) in which the loss diverged.</summary>
    public int Epoch { get; }

    /// <summary>The learning rate in use.</summary>
    public float LearningRate { get; }
}
