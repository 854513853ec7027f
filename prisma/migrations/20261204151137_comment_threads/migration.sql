-- AlterTable
ALTER TABLE "ReviewComment" ADD COLUMN     "closedOnPublish" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ReviewCommentReply" (
    "id" TEXT NOT NULL,
    "commentId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewCommentReply_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewCommentReply_commentId_createdAt_idx" ON "ReviewCommentReply"("commentId", "createdAt");

-- AddForeignKey
ALTER TABLE "ReviewCommentReply" ADD CONSTRAINT "ReviewCommentReply_commentId_fkey" FOREIGN KEY ("commentId") REFERENCES "ReviewComment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewCommentReply" ADD CONSTRAINT "ReviewCommentReply_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
