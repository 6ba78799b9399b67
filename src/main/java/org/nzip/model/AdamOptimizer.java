package org.nzip.model;

import org.nzip.tensor.TensorOps;

/**
 * Adam with β1 = 0 (one moment per parameter, as NNCP trains online) over a network's
 * {@link ParameterStore} (the parameters in one array, their gradients in another): element-wise
 * gradient clipping, then the step size {@code lr / sqrt(1 + n / decay)} after {@code n} steps,
 * bias-corrected. Element-wise, so the two halves a {@link PairRunner} gives to two threads get the
 * bits one pass would. A network owns one and calls {@link #step} after each backward pass.
 */
final class AdamOptimizer {

    private final TensorOps ops;
    private final float[] w;
    private final float[] grad;
    private final float[] moment;
    private final float learningRate;
    private final float decaySteps;
    private final float beta2;
    private final float epsilon;
    private final float clip;
    private final Runnable lowerHalf;
    private final Runnable upperHalf;

    private long steps;
    private float beta2Power = 1f;
    private float stepSize; // of the step under way
    private float stepEpsilon;

    /**
     * @param params       the parameters (updated in place) and their gradients (read by {@link #step}),
     *                     allocated
     * @param learningRate the step size at the start; after n steps {@code learningRate / sqrt(1 + n / decaySteps)}
     * @param beta2        the second moment's decay (β1 is 0)
     * @param epsilon      added to the root of the moment
     * @param clip         every gradient element is clipped to [−clip, clip]
     */
    AdamOptimizer(TensorOps ops, ParameterStore params, float learningRate, float decaySteps, float beta2,
                  float epsilon, float clip) {
        this.ops = ops;
        this.w = params.weights();
        this.grad = params.gradients();
        this.moment = new float[w.length];
        this.learningRate = learningRate;
        this.decaySteps = decaySteps;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.clip = clip;
        int n = w.length;
        lowerHalf = () -> update(0, n / 2);
        upperHalf = () -> update(n / 2, n);
    }

    /** Floats it holds besides the parameters and gradients: the moments. */
    static long floats(long parameters) {
        return parameters;
    }

    /** Steps taken so far. */
    long steps() {
        return steps;
    }

    /** One step on the gradients, the two halves of the parameters on {@code pair}'s threads. */
    void step(PairRunner pair) {
        steps++;
        beta2Power *= beta2;
        float correction = (float) Math.sqrt(1.0 - beta2Power);
        float lr = (float) (learningRate / Math.sqrt(1.0 + steps / (double) decaySteps));
        stepSize = lr * correction;
        stepEpsilon = epsilon * correction;
        pair.run(lowerHalf, upperHalf);
    }

    private void update(int from, int to) {
        ops.adamUpdate(w, from, grad, from, moment, from, to - from, stepSize, beta2, stepEpsilon, clip);
    }
}
