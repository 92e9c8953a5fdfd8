package org.shmalloc.lincheck;

/**
 * Sequential specification of {@link TreeOperations}: the same operations on an {@link ArenaModel},
 * each checking the answer the real run gave ({@link Answers}) and returning it when legal.
 * Lincheck builds it with a no-arg constructor, so each shape has a subclass.
 */
public abstract class TreeSpec {

    private final ArenaShape shape;
    private final ArenaModel model;

    protected TreeSpec(ArenaShape shape) {
        this.shape = shape;
        this.model = new ArenaModel(shape.depth(), shape.blocks());
    }

    public Object malloc(int id, int sizeClass) {
        return allocation(id, sizeClass);
    }

    public Object calloc(int id, int count, int sizeClass) {
        long total = count * shape.callocElementBytes(count, sizeClass);
        return allocation(id, ArenaModel.classFor(total, shape.minExponent(), shape.depth()));
    }

    public Object free(int id, int k) {
        if (!(Answers.of(id) instanceof FreeAnswer answer)) {
            return new Illegal("free " + id + " gave no answer");
        }
        return answer.at() == FreeAnswer.NOTHING ? answer : new FreeAnswer(answer.at(), model.release(answer.at()));
    }

    public Object lookup(int id, int k) {
        if (!(Answers.of(id) instanceof LookupAnswer answer)) {
            return new Illegal("lookup " + id + " gave no answer");
        }
        return answer.at() == LookupAnswer.NOTHING ? answer : new LookupAnswer(answer.at(), model.lookup(answer.at()));
    }

    /** {@code sizeClass} -1: the request is larger than any block, only NULL is legal. */
    private Object allocation(int id, int sizeClass) {
        if (!(Answers.of(id) instanceof Long unit)) {
            return new Illegal("allocation " + id + " gave no answer");
        }
        if (unit == TreeOperations.NULL) {
            return sizeClass < 0 || !model.fits(sizeClass) ? unit : new Illegal("NULL although class " + sizeClass + " fits");
        }
        if (sizeClass >= 0 && model.canPlace(unit, sizeClass)) {
            model.place(unit, sizeClass);
            return unit;
        }
        return new Illegal("class " + sizeClass + " cannot be placed at unit " + unit);
    }
}
